import type { Command } from 'commander';
import { invalid } from '../shared/errors.ts';
import type { ReachClient } from './client.ts';
import { type CommonOptions, openClient } from './context.ts';
import type { FieldOptions } from './option-words.ts';
import { reportError, speakFor } from './output.ts';

/**
 * Adds the options every command takes. `fields` names the option that fills an API field of
 * another name (`{ durationSeconds: '--duration' }`), so that a refusal speaks of the option.
 */
export function common(command: Command, fields?: FieldOptions): Command {
  return command
    .option('--json', 'print machine-readable JSON')
    .option(
      '--data <dir>',
      'data directory of the embedded database (default: $REACH_DATA or ~/.local/share/reach)',
    )
    .hook('preAction', (_hooked, action) => speakFor(action, fields));
}

/** A numeric id typed on the command line, refused in words before it is looked up. */
export function idOf(value: string, input: { what: string; field?: string }): number {
  if (!/^\d+$/.test(value.trim())) throw invalid(input.field ?? 'id', `"${value}" is not a ${input.what} id`);
  return Number(value);
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
