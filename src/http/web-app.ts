import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

/** Where `npm run build:web` writes the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Reach</title>
<body style="font:16px system-ui;margin:3rem;max-width:40rem">
<h1>Reach</h1><p>The API is running at <a href="/api/v1/openapi.json">/api/v1</a>, but the web app is not built.
Run <code>npm run build:web</code> (<code>npm start</code> builds it) and reload.</p></body>`;

/**
 * Serves the built web app at `/`: hashed assets cached for good, any other path answered
 * with index.html so the app's own routes load on refresh. `/api` is never answered here.
 */
export function mountWebApp(app: Hono, root: string = WEB_DIST): void {
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(c.req.path);
    if (path.startsWith('/api/')) return next();
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && extname(file) !== '' && (await isFile(file))) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(path) !== '') return next();
    const index = join(root, 'index.html');
    const html = (await isFile(index)) ? await readFile(index, 'utf8') : NOT_BUILT;
    return c.html(html, 200, { 'cache-control': 'no-cache' });
  });
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
