import type { Command } from 'commander';
import type { ReachClient } from './client.ts';
import { type CommonOptions, openClient } from './context.ts';
import { reportError } from './output.ts';

/** Adds the options every command takes. */
export function common(command: Command): Command {
  return command
    .option('--json', 'print machine-readable JSON')
    .option(
      '--data <dir>',
      'data directory of the embedded database (default: $REACH_DATA or ~/.local/share/reach)',
    );
}

/** Runs a command body against an opened client; the exit code comes from the result or the error. */
export async function withClient(
  options: CommonOptions,
  body: (client: ReachClient) => Promise<number | undefined>,
): Promise<void> {
  let opened: Awaited<ReturnType<typeof openClient>> | undefined;
  try {
    opened = await openClient(options);
    process.exitCode = (await body(opened.client)) ?? 0;
  } catch (error) {
    process.exitCode = reportError(error, options.json ?? false);
  } finally {
    await opened?.close().catch(() => undefined);
  }
}
