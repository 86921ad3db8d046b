import { Command } from 'commander';
import { out, printJson, printTable } from '../output.ts';
import { common, withClient } from '../run.ts';

export function callsCommand(): Command {
  return common(new Command('calls'))
    .argument('[prospect]', 'only this prospect (id, external id or email)')
    .description('logged calls, newest first')
    .option('--since <iso>', 'only calls at or after this time')
    .option('--limit <n>', 'at most this many', '200')
    .action((prospect: string | undefined, o) =>
      withClient(o, async (client) => {
        const items = await client.listCalls({ prospect, since: o.since, limit: o.limit });
        if (o.json) {
          printJson({ items });
          return 0;
        }
        printTable(
          ['ID', 'AT (UTC)', 'THEIR TIME', 'PROSPECT', 'NUMBER', 'OUTCOME', 'RESULT', 'FLAGS'],
          items.map((c) => [
            c.id,
            c.at.slice(0, 16).replace('T', ' '),
            c.localTime,
            c.prospect,
            c.number,
            c.outcome,
            c.result,
            c.flags.join(' '),
          ]),
        );
        out(`${items.length} calls`);
        return 0;
      }),
    );
}

export function timelineCommand(): Command {
  return common(new Command('timeline'))
    .argument('<prospect>', 'id, external id or email')
    .description('everything that happened with a prospect, oldest first, and the effort spent')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const t = await client.timeline(prospect);
        if (o.json) {
          printJson(t);
          return 0;
        }
        out(`${t.name} (#${t.prospectId})`);
        for (const e of t.entries)
          out(`  ${e.at.slice(0, 16).replace('T', ' ')}  ${e.type.padEnd(8)} ${e.text}`);
        const f = t.effort;
        out(
          `effort: ${f.attempts} calls, ${f.conversations} conversations, ${f.voicemails} messages, ${f.callbacks} callbacks, ${f.minutes} minutes`,
        );
        return 0;
      }),
    );
}
