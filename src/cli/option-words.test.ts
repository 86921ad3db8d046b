import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { optionFor } from './option-words.ts';

const log = new Command('log')
  .argument('[prospect]')
  .option('-k, --message-kind <kind>')
  .option('--message <text>')
  .option('--result-at <iso>')
  .option('--at <iso>');

describe('optionFor', () => {
  it("names the command's option for a camelCase or nested API field, and its argument in capitals", () => {
    expect(optionFor(log, { field: 'resultAt' })).toBe('--result-at');
    expect(optionFor(log, { field: 'message.kind' })).toBe('--message-kind');
    expect(optionFor(log, { field: 'at' })).toBe('--at');
    expect(optionFor(log, { field: 'prospect' })).toBe('PROSPECT');
  });

  it('uses the names a command gives, and leaves a field it has no option for alone', () => {
    expect(optionFor(log, { field: 'message.text', fields: { 'message.text': '--message' } })).toBe(
      '--message',
    );
    expect(optionFor(log, { field: '--at' })).toBe('--at');
    expect(optionFor(log, { field: 'steps.1.day' })).toBeUndefined();
    expect(optionFor(log, { field: 'durationSeconds' })).toBeUndefined();
  });
});
