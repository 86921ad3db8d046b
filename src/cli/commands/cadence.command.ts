import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  cadenceListLines,
  cadenceViewLines,
  completedTaskLines,
  removedCadenceLines,
  resumedCadenceLines,
  savedCadenceLines,
  startReportLines,
  stoppedCadenceLines,
} from '../../modules/cadences/cadences.print.ts';
import { answerLines, emailLines } from '../../modules/email/email.print.ts';
import { AppError } from '../../shared/errors.ts';
import { out, printJson, show } from '../output.ts';
import { common, idOf, withClient } from '../run.ts';

export function cadenceCommand(): Command {
  const cmd = new Command('cadence').description(
    'follow-up cadences: calls, email, letters, referrals, invitations',
  );
  common(cmd.command('list'))
    .description('the cadences a prospect can be put on')
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.listCadences();
        show(o.json, { items }, (answer) => cadenceListLines(answer.items));
        return 0;
      }),
    );
  common(cmd.command('show <name>'))
    .description("a cadence's steps, laid over a prospect's working days in their own zone")
    .option('--start <iso>', 'when it would start (default now)')
    .option('--zone <iana>', "the prospect's zone (default the territory's first)")
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const view = await client.showCadence({ params: { name }, query: { start: o.start, zone: o.zone } });
        show(o.json, view, cadenceViewLines);
        return 0;
      }),
    );
  common(cmd.command('add <file>'))
    .description("add the team's own cadence from a JSON or YAML file, checked step by step")
    .option('--replace', 'overwrite a cadence of the same name (prospects on it keep their steps)')
    .action((file: string, o) =>
      withClient(o, async (client) => {
        const cadence = await client.saveCadence({
          query: { replace: o.replace ? 'true' : undefined },
          // Read as the file says: the server checks it step by step.
          body: (await readDefinition(file)) as Parameters<typeof client.saveCadence>[0]['body'],
        });
        show(o.json, cadence, savedCadenceLines);
        return 0;
      }),
    );
  common(cmd.command('remove <name>'))
    .description("remove one of the team's own cadences")
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const r = await client.removeCadence({ params: { name } });
        show(o.json, r, removedCadenceLines);
        return 0;
      }),
    );
  common(cmd.command('start <name> <prospects...>'), { cadence: 'NAME' })
    .description(
      'put prospects on a cadence; its steps are laid in each prospect’s zone (exit 3 if some could not start)',
    )
    .option('--at <iso>', 'when it starts (default now)')
    .action((name: string, keys: string[], o) =>
      withClient(o, async (client) => {
        const report = await client.startCadence({ body: { cadence: name, prospects: keys, at: o.at } });
        show(o.json, report, startReportLines);
        return report.rejected.length > 0 ? 3 : 0;
      }),
    );
  common(cmd.command('stop <prospect>'))
    .description('take a prospect off their cadence: open steps cancelled')
    .option('--reason <text>', 'why', 'stopped by the rep')
    .option('--at <iso>', 'when (default now)')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const r = await client.stopCadence({
          params: { key: prospect },
          body: { reason: o.reason, at: o.at },
        });
        show(o.json, r, stoppedCadenceLines);
        return 0;
      }),
    );
  common(cmd.command('resume <prospect>'))
    .description('set a paused cadence going again; the steps left keep their spacing')
    .option('--at <iso>', 'when (default now)')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const r = await client.resumeCadence({ params: { key: prospect }, body: { at: o.at } });
        show(o.json, r, resumedCadenceLines);
        return 0;
      }),
    );
  return cmd;
}

export function tasksCommand(): Command {
  const cmd = new Command('tasks').description(
    'open tasks due, earliest first: cadence steps, promised callbacks and meetings',
  );
  // The listing is the default subcommand, so each subcommand owns its options (--data, --at).
  common(cmd.command('list', { isDefault: true }))
    .description('open tasks due, earliest first (the default)')
    .option('--at <iso>', 'the moment of the question (default now)')
    .option(
      '--due-before <iso>',
      "look ahead: tasks due before this instant (default: the end of the rep's day)",
    )
    .option('--limit <n>', 'at most this many', '200')
    .action((o) =>
      withClient(o, async (client) => {
        const list = await client.listTasks({ query: { at: o.at, dueBefore: o.dueBefore, limit: o.limit } });
        // The list's printer brings the time zone library: loaded when a list is printed.
        if (o.json) printJson(list);
        else show(false, list, (await import('../../modules/cadences/tasks.print.ts')).taskListLines);
        return 0;
      }),
    );
  common(cmd.command('email <id>'))
    .description(
      "an email, invitation or referral-request step's draft, checked, with a mailto: link; --send sends it through the team's SMTP server",
    )
    .option('--send', 'send it (needs reach config smtpUrl=… emailFrom=…)')
    .option('--to <address>', 'a referral request: the champion or customer you ask, "Dana Cho <dana@…>"')
    .option('--at <iso>', 'the moment of the step (default now)')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        const params = { id: idOf(id, { what: 'task' }) };
        const email = o.send
          ? await client.sendEmail({ params, body: { at: o.at, to: o.to } })
          : await client.emailDraft({ params, query: { at: o.at, to: o.to } });
        show(o.json, email, emailLines);
        return email.checks.some((c) => c.severity === 'fail') ? 1 : 0;
      }),
    );
  common(cmd.command('letter <id>'))
    .description('a letter step as a print-ready HTML page (needs reach config postalAddress=…)')
    .option('--out <file>', 'write it to this file instead of the terminal')
    .option('--at <iso>', 'the date it goes out (default now)')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        const html = await client.letter({ id: idOf(id, { what: 'task' }), query: { at: o.at } });
        if (o.out) {
          writeFileSync(o.out, html);
          out(`Wrote the letter to ${o.out}: open it in a browser and print`);
        } else out(html);
        return 0;
      }),
    );
  common(cmd.command('answer <id> <answer>'))
    .description(
      'what came back from a sent email: reply (pauses the cadence), unsubscribe (stops it for good), bounce',
    )
    .option('--note <text>', 'what they said')
    .option('--at <iso>', 'when (default now)')
    .action((id: string, answer: string, o) =>
      withClient(o, async (client) => {
        const r = await client.recordEmailAnswer({
          params: { id: idOf(id, { what: 'task' }) },
          // Any word is sent: the server names the answers it takes.
          body: {
            answer: answer as Parameters<typeof client.recordEmailAnswer>[0]['body']['answer'],
            note: o.note,
            at: o.at,
          },
        });
        show(o.json, r, answerLines);
        return 0;
      }),
    );
  common(cmd.command('done <id>'))
    .description('mark a task done, or skipped')
    .option('--skip', 'skipped rather than done')
    .option('--note <text>', 'what happened')
    .option('--at <iso>', 'when (default now)')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        const r = await client.completeTask({
          params: { id: idOf(id, { what: 'task' }) },
          body: { status: o.skip ? 'skipped' : 'done', note: o.note, at: o.at },
        });
        show(o.json, r, completedTaskLines);
        return 0;
      }),
    );
  return cmd;
}

/** A cadence file as data: JSON, or YAML (which JSON also is). */
async function readDefinition(file: string): Promise<unknown> {
  const { parse: parseYaml } = await import('yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('unreadable_input', `Cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new AppError('unreadable_input', `${file} is not JSON or YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
