/** Whether a host name is this machine: `127.0.0.1`, `localhost` or `::1` (bracketed, as a URL writes it, or bare). */
export const isLoopback = (host: string): boolean =>
  ['127.0.0.1', 'localhost', '::1'].includes(host.replace(/^\[(.*)\]$/, '$1'));
