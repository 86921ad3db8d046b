/** `http://host:port`, with an IPv6 address in brackets. */
export function httpOrigin(input: { host: string; port: number }): string {
  const host = input.host.includes(':') ? `[${input.host}]` : input.host;
  return `http://${host}:${input.port}`;
}
