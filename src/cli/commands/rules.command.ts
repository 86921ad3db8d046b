import { Command } from 'commander';
import { out, printJson, printTable } from '../output.ts';
import { common, withClient } from '../run.ts';

const where = (j: { country: string; region: string | null }): string =>
  j.region ? `${j.country}-${j.region}` : j.country;

export function rulesCommand(): Command {
  const cmd = new Command('rules').description(
    'the calling rules Reach obeys: hours, days, holidays and attempt caps by place, with sources',
  );
  common(cmd.command('list', { isDefault: true }))
    .description("every rule with its place, source and date, and the team's own (the default)")
    .action((o) =>
      withClient(o, async (client) => {
        const list = await client.rules();
        if (o.json) {
          printJson(list);
          return 0;
        }
        out(
          list.audience === 'b2b'
            ? 'The team calls businesses only: rules whose source exempts business calls are dropped.'
            : 'The strict reading: every rule applies, including those written for consumers (reach config callingAudience=b2b to drop the ones that exempt business calls).',
        );
        printTable(
          ['Place', 'Rule', 'Since', 'Source'],
          list.rules.map((r) => [
            where(r.jurisdiction),
            `${r.dropped ? '(dropped) ' : ''}${r.summary}`,
            r.effective,
            r.source.citation,
          ]),
        );
        for (const rule of list.teamRules) out(`Team rule ${rule.id}: ${rule.label}`);
        return 0;
      }),
    );
  common(cmd.command('check <number>'))
    .description('may this number be called now (or --at)? each refusal in words, and the next moment it may')
    .option('--at <iso>', 'the moment of the call (default now)')
    .action((number: string, o) =>
      withClient(o, async (client) => {
        const result = await client.checkRules({ query: { number, at: o.at } });
        if (o.json) {
          printJson(result);
          return result.check.ok ? 0 : 1;
        }
        out(`${result.number}: ${result.zones.map((z) => z.local).join(', ')}`);
        if (result.check.ok) out('Allowed now by every rule that applies.');
        else for (const refusal of result.check.refusals) out(`- ${refusal.text}`);
        if (result.check.ok && result.check.screening.length > 0)
          out(`Screened against ${result.check.screening.join(' and ')}: loaded as Do-Not-Call sources.`);
        if (!result.check.ok)
          out(result.next ? `Next allowed: ${result.next}` : 'Not allowed in the next 14 days.');
        return result.check.ok ? 0 : 1;
      }),
    );
  return cmd;
}
