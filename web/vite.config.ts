import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Where the desk loads Twilio's Voice SDK from, for a rep whose calls ring in the browser. */
export const VOICE_SDK_PATH = 'vendor/twilio-voice.min.js';

/**
 * Twilio's Voice SDK as the package ships it for a page (its browser bundle, which sets
 * `window.Twilio`), copied beside the desk: loaded only by a rep who takes calls in the browser.
 */
function voiceSdk(): Plugin {
  return {
    name: 'reach-voice-sdk',
    apply: 'build',
    generateBundle() {
      const require = createRequire(import.meta.url);
      // The package exports only its modules; the page bundle sits beside them in dist/.
      const file = join(dirname(require.resolve('@twilio/voice-sdk')), '../dist/twilio.min.js');
      this.emitFile({ type: 'asset', fileName: VOICE_SDK_PATH, source: readFileSync(file) });
    },
  };
}

/** The rep's desk: built into web/dist and served by `reach serve` at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), voiceSdk()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:4100' } },
});
