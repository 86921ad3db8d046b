import { Command, CommanderError } from 'commander';
import { version } from '../shared/version.ts';
import { cadenceCommand, tasksCommand } from './commands/cadence.command.ts';
import { callbackCommand, lookupCommand } from './commands/callback.command.ts';
import { callsCommand, timelineCommand } from './commands/calls.command.ts';
import { configCommand, demoCommand } from './commands/config.command.ts';
import { dialCommand } from './commands/dial.command.ts';
import { dncCommand } from './commands/dnc.command.ts';
import { dropsCommand } from './commands/drops.command.ts';
import { intelCommand } from './commands/intel.command.ts';
import { logCommand, undoCommand } from './commands/log.command.ts';
import { prospectsCommand } from './commands/prospects.command.ts';
import { pursuitCommand } from './commands/pursuit.command.ts';
import { planCommand, queueCommand } from './commands/queue.command.ts';
import { rulesCommand } from './commands/rules.command.ts';
import { migrateCommand, serveCommand } from './commands/serve.command.ts';
import { simCommand } from './commands/sim.command.ts';
import { exportCommand, importCommand } from './commands/transfer.command.ts';
import {
  auditCommand,
  sessionsCommand,
  teamsCommand,
  tokensCommand,
  usersCommand,
  whoamiCommand,
} from './commands/users.command.ts';
import {
  checkMessageCommand,
  messageStatsCommand,
  pointsCommand,
  voicemailCommand,
} from './commands/voicemail.command.ts';
import { workerCommand } from './commands/worker.command.ts';
import { zonesCommand } from './commands/zones.command.ts';

export function buildProgram(): Command {
  const program = new Command('reach')
    .description(
      [
        'Reach: get decision makers on the phone.',
        '',
        'Exit codes:',
        '  0  ok',
        '  1  not found, a conflict or another failure; a message or a call that fails its check',
        '  2  usage or invalid input: unknown option, missing argument, bad value or time',
        '  3  some rows rejected: import, dnc import, log --batch, cadence start',
      ].join('\n'),
    )
    .version(version)
    .showSuggestionAfterError()
    .addCommand(serveCommand())
    .addCommand(migrateCommand())
    .addCommand(workerCommand())
    .addCommand(importCommand())
    .addCommand(exportCommand())
    .addCommand(prospectsCommand())
    .addCommand(logCommand())
    .addCommand(undoCommand())
    .addCommand(dialCommand())
    .addCommand(dropsCommand())
    .addCommand(callsCommand())
    .addCommand(timelineCommand())
    .addCommand(queueCommand())
    .addCommand(planCommand())
    .addCommand(voicemailCommand())
    .addCommand(pursuitCommand())
    .addCommand(zonesCommand())
    .addCommand(rulesCommand())
    .addCommand(cadenceCommand())
    .addCommand(tasksCommand())
    .addCommand(checkMessageCommand())
    .addCommand(pointsCommand())
    .addCommand(messageStatsCommand())
    .addCommand(intelCommand())
    .addCommand(lookupCommand())
    .addCommand(callbackCommand())
    .addCommand(dncCommand())
    .addCommand(configCommand())
    .addCommand(demoCommand())
    .addCommand(simCommand())
    .addCommand(usersCommand())
    .addCommand(tokensCommand())
    .addCommand(sessionsCommand())
    .addCommand(teamsCommand())
    .addCommand(whoamiCommand())
    .addCommand(auditCommand());
  const strict = (cmd: Command): void => {
    cmd.exitOverride();
    for (const sub of cmd.commands) strict(sub);
  };
  strict(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`reach … | head`) is not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for and the version are not failures; help shown because a command is
      // missing (`reach`, `reach prospects`), like every other parse problem, is a usage error.
      const asked =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        (error.code === 'commander.help' && error.exitCode === 0);
      process.exitCode = asked ? 0 : 2;
      return;
    }
    throw error;
  }
}
