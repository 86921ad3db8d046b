import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { TaskList } from '../../modules/cadences/index.ts';
import { AppError } from '../../shared/errors.ts';
import { out, printJson } from '../output.ts';
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
        if (o.json) {
          printJson({ items });
          return 0;
        }
        for (const c of items) {
          const kinds = Object.entries(c.kinds)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(', ');
          out(
            `${c.name.padEnd(18)} ${c.steps} steps over ${c.workingDays} working days (${kinds}); ${plural(c.maxMessages, 'message')} at most`,
          );
          out(`${' '.repeat(19)}${c.description}`);
        }
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
        if (o.json) {
          printJson(view);
          return 0;
        }
        out(`${view.name}: ${view.description}`);
        out(`${plural(view.maxMessages, 'message')} at most; steps in ${view.zone}, from ${view.start}`);
        for (const s of view.schedule)
          out(
            `  ${String(s.step + 1).padStart(2)}. ${s.local}  ${(s.auto ? `${s.kind} (auto)` : s.kind).padEnd(16)} ${s.note ?? ''}`.trimEnd(),
          );
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
        if (o.json) printJson(cadence);
        else
          out(
            `Added ${cadence.name}: ${plural(cadence.steps.length, 'step')}, ${plural(cadence.maxMessages, 'message')} at most`,
          );
        return 0;
      }),
    );
  common(cmd.command('remove <name>'))
    .description("remove one of the team's own cadences")
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const r = await client.removeCadence({ params: { name } });
        if (o.json) printJson(r);
        else out(`Removed ${r.removed}`);
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
        if (o.json) printJson(report);
        else {
          out(`Started ${report.started.length} on ${report.cadence}`);
          for (const s of report.started)
            out(`  #${s.prospectId} ${s.name}: first step ${s.firstDue} (${s.zone})`);
          for (const r of report.rejected) out(`  not started: ${r.prospect}: ${r.reason}`);
        }
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
        if (o.json) printJson(r);
        else out(`Stopped ${r.cadence} for #${r.prospectId}: ${r.cancelled} open steps cancelled`);
        return 0;
      }),
    );
  common(cmd.command('resume <prospect>'))
    .description('set a paused cadence going again; the steps left keep their spacing')
    .option('--at <iso>', 'when (default now)')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const r = await client.resumeCadence({ params: { key: prospect }, body: { at: o.at } });
        if (o.json) printJson(r);
        else
          out(
            `Resumed ${r.cadence} for #${r.prospectId}: ${r.steps} steps left, next ${r.firstDue ?? 'none'}`,
          );
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
        if (o.json) {
          printJson(list);
          return 0;
        }
        const { clockIn, dueHeader, zoneCity } = await clocks();
        out(`${dueHeader(list)}: ${plural(list.items.length, 'task')}`);
        for (const t of list.items) {
          const where = t.cadence ? `${t.cadence} ${t.step}/${t.of ?? '?'}` : 'promised';
          const who = `${t.prospect.name}${t.prospect.company ? `, ${t.prospect.company}` : ''}`;
          const when = t.local && t.zone ? `${t.local} ${zoneCity(t.zone)}` : clockIn(t.dueAt, list.zone);
          out(
            `${String(t.id).padStart(5)}  ${when}${t.overdue ? ' (overdue)' : ''}  ${(t.auto ? `${t.kind} (auto)` : t.kind).padEnd(16)} ${who} (#${t.prospect.id})  ${where}${t.note ? `: ${t.note}` : ''}`,
          );
          if (t.pursuit && t.pursuit.recommendation !== 'continue')
            out(`         keep-or-drop: ${t.pursuit.recommendation}: ${t.pursuit.reason}`);
          if (t.problem) out(`         ${t.problem}`);
        }
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
        if (o.json) {
          printJson(email);
          return 0;
        }
        out(`To: ${email.to ?? '(no address)'}`);
        out(`Subject: ${email.subject}`);
        out('');
        out(email.text);
        out('');
        for (const c of email.checks)
          if (c.severity !== 'ok') out(`  ${c.severity} ${c.code}: ${c.text}${c.fix ? ` (${c.fix})` : ''}`);
        out(email.sent ? `Sent: ${email.sent.messageId}` : `Draft: ${email.mailto.slice(0, 60)}…`);
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
        if (o.json) printJson(r);
        else out(`Task ${r.taskId}: ${r.answer} recorded; ${r.effect}`);
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
        if (o.json) printJson(r);
        else out(`Task ${r.id} ${r.status}`);
        return 0;
      }),
    );
  return cmd;
}

/** The task list's clocks; the time zone library loads only when a list is printed. */
async function clocks() {
  const [{ DateTime }, { zoneCity }] = await Promise.all([
    import('luxon'),
    import('../../shared/local-clock.ts'),
  ]);
  /** An instant on a zone's clock, with the zone: "Tue 03 Mar 15:00 New York". */
  const clockIn = (iso: string, zone: string): string =>
    `${DateTime.fromISO(iso, { zone }).toFormat('ccc dd LLL HH:mm')} ${zoneCity(zone)}`;

  /** What the list runs to, in the rep's clock: "Due today, until 23:59 America/Chicago". */
  const dueHeader = (list: TaskList): string =>
    list.endOfDay
      ? `Due today, until 23:59 ${list.zone}`
      : `Due before ${DateTime.fromISO(list.dueBefore, { zone: list.zone }).toFormat('ccc dd LLL HH:mm')} ${list.zone}`;
  return { clockIn, dueHeader, zoneCity };
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

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
