import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { TeamConfigPatch } from '../../contracts/team.contract.ts';
import { demoLines } from '../../modules/demo/demo.print.ts';
import { configLines } from '../../modules/team/team.print.ts';
import { AppError } from '../../shared/errors.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

const numeric = new Set([
  'maxDialsPerDay',
  'maxDialsPerWeek',
  'maxMessagesPerProspect',
  'nurtureDays',
  'repHourlyValue',
]);
/** Settings that go back to "learn it" or "none" when given empty: `repHourlyValue=`. */
const clearable = new Set([
  'repName',
  'repPhone',
  'sellerName',
  'repHourlyValue',
  'smtpUrl',
  'emailFrom',
  'postalAddress',
  'twilioAccountSid',
  'twilioAuthToken',
  'twilioApiUrl',
  'twilioApiKeySid',
  'twilioApiKeySecret',
  'publicUrl',
  'callerId',
]);

/** `key=value` pairs as a settings patch; lists are comma-separated. */
export function parseAssignments(pairs: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new AppError(
        'validation',
        `"${pair}": write settings as key=value, for example offerCategory=software`,
      );
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    patch[key] =
      value === '' && clearable.has(key)
        ? null
        : numeric.has(key)
          ? Number(value)
          : key === 'territoryZones'
            ? value.split(',').filter(Boolean)
            : key === 'callingRules'
              ? jsonList(key, value)
              : value;
  }
  return patch;
}

/** A setting written as JSON (`callingRules=[{…}]`), or a file of it (`callingRules=@rules.json`). */
function jsonList(key: string, value: string): unknown {
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      'validation',
      `${key}: not JSON: write a list such as [{"id":"west",…}] or @rules.json`,
    );
  }
}

export function configCommand(): Command {
  return common(new Command('config'))
    .description(
      "show the team's settings, or change them: reach config offerCategory=insurance callingHoursEnd=20:00",
    )
    .argument('[settings...]', 'key=value pairs to change')
    .action((settings: string[], o) =>
      withClient(o, async (client) => {
        const config =
          settings.length > 0
            ? await client.updateConfig({ body: parseAssignments(settings) as TeamConfigPatch })
            : await client.getConfig();
        show(o.json, config, configLines);
        return 0;
      }),
    );
}

export function demoCommand(): Command {
  return common(new Command('demo'))
    .description(
      'load a demo territory of about 200 prospects with four weeks of call history into an empty book',
    )
    .option('--at <iso>', 'the history ends at this time (default now)')
    .action((o) =>
      withClient(o, async (client) => {
        const report = await client.loadDemo({ body: { at: o.at } });
        show(o.json, report, demoLines);
        return 0;
      }),
    );
}
