import type { Command } from 'commander';

/** API fields a command fills from an option of another name: `message.text` → `--message`. */
export type FieldOptions = Record<string, string>;

const camel = (path: string): string =>
  path
    .split('.')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');

/**
 * What a CLI user typed for a field the API names: the command's option (`resultAt` →
 * `--result-at`, `message.kind` → `--message-kind`), its argument (`prospect` → `PROSPECT`), or
 * one the command names itself. Undefined for a field the user did not give by name, such as a
 * cadence file's `steps.1.day` or a setting.
 */
export function optionFor(
  command: Command,
  input: { field: string; fields?: FieldOptions | undefined },
): string | undefined {
  const { field } = input;
  const named = input.fields?.[field];
  if (named !== undefined) return named;
  if (field.startsWith('-')) return field;
  const attribute = camel(field);
  const option = command.options.find((o) => o.attributeName() === attribute);
  if (option?.long) return option.long;
  const argument = command.registeredArguments.find((a) => a.name() === attribute);
  return argument ? argument.name().toUpperCase() : undefined;
}
