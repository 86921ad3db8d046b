import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../src/modules/compliance/calling-rules.ts';
import { PRERECORDED_RULES, RECORDING_RULES } from '../src/modules/compliance/message-rules.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const compliance = readme.slice(readme.indexOf('## Compliance'), readme.indexOf('## Configuration'));

describe("the README's compliance section", () => {
  it('lists every calling rule with its source and the date it took effect', () => {
    for (const rule of ruleCatalogue()) {
      const row = compliance.split('\n').find((line) => line.includes(rule.source.citation));
      expect(row, `${rule.id}: its source is missing`).toBeDefined();
      expect(row, rule.id).toContain(rule.effective);
    }
  });

  it('lists every rule on recorded messages and on recording calls with its source and date', () => {
    for (const rule of [...PRERECORDED_RULES, ...RECORDING_RULES]) {
      const row = compliance
        .split('\n')
        .find(
          (line) =>
            line.includes(`[${rule.source.citation}](${rule.source.url})`) && line.includes(rule.name),
        );
      expect(row, `${rule.id}: its source is missing`).toBeDefined();
      expect(row, rule.id).toContain(rule.effective);
    }
  });
});
