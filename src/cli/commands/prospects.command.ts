import { Command } from 'commander';
import type { ProspectInput } from '../../contracts/prospects.contract.ts';
import { heardLines, prospectLines, prospectPageLines } from '../../modules/prospects/prospects.print.ts';
import { invalid } from '../../shared/errors.ts';
import { printJson, show } from '../output.ts';
import { common, withClient } from '../run.ts';

type FieldOptions = Record<string, string | boolean | undefined>;

const fieldFlags: [flag: string, key: string, help: string][] = [
  ['--first-name <name>', 'firstName', 'first name'],
  ['--last-name <name>', 'lastName', 'last name'],
  ['--title <title>', 'title', 'job title'],
  ['--email <email>', 'email', 'email address'],
  ['--company <name>', 'company', 'company name'],
  ['--company-domain <domain>', 'companyDomain', 'company web domain'],
  ['--industry <industry>', 'industry', 'industry'],
  ['--stage <stage>', 'stage', 'new|contacted|engaged|interested|customer|lost'],
  ['--value <amount>', 'value', 'estimated deal value'],
  ['--timezone <zone>', 'timezone', 'IANA time zone, e.g. America/Chicago'],
  ['--city <city>', 'city', 'city'],
  ['--region <region>', 'region', 'state or region'],
  ['--country <country>', 'country', 'country'],
  ['--external-id <id>', 'externalId', 'id in your CRM'],
  ['--notes <text>', 'notes', 'free notes'],
  ['--owner <user>', 'owner', 'the rep who works this prospect (email or name; added when new)'],
];
/** What the voicemail decision weighs most often, answered yes or no. */
const yesNoFlags: [flag: string, option: string, key: string, help: string][] = [
  ['--has-product <yes|no>', 'hasProduct', 'alreadyHasProduct', 'they likely have what you sell already'],
  ['--competitor <yes|no>', 'competitor', 'competitorRelationship', 'they work with a competing vendor'],
];
const phoneFlags = ['direct', 'mobile', 'main', 'assistant', 'private'] as const;
const researchFlags: [string, string][] = [
  ['--background <text>', 'background'],
  ['--priority-objective <text>', 'priorityObjective'],
  ['--reference-clients <text>', 'referenceClients'],
  ['--preferred-channel <channel>', 'preferredChannel'],
  ['--referred-by <name>', 'referredBy'],
];

/** The prospect fields that options of other names fill, for a refusal to name the option. */
const prospectFields: Record<string, string> = {
  voicemailStrategy: '--strategy',
  'research.benefits': '--benefit',
  ...Object.fromEntries(yesNoFlags.map(([flag, , key]) => [key, flag.split(' ')[0]!])),
  ...Object.fromEntries(researchFlags.map(([flag, key]) => [`research.${key}`, flag.split(' ')[0]!])),
  ...Object.fromEntries(phoneFlags.map((kind) => [`phone_${kind}`, `--${kind}`])),
};

function withFields(command: Command): Command {
  for (const [flag, , help] of fieldFlags) command.option(flag, help);
  for (const [flag, , , help] of yesNoFlags) command.option(flag, help);
  for (const kind of phoneFlags) command.option(`--${kind} <number>`, `${kind} phone number`);
  for (const [flag] of researchFlags) command.option(flag, 'research note');
  command.option('--benefit <text...>', 'a benefit for this prospect (give two)');
  command.option(
    '--strategy <name>',
    "voicemail strategy for this prospect: never|rules|persistent|curiosity|adaptive|team (the team's)",
  );
  return command;
}

/** The prospect the options describe; the operation checks it, naming each bad field. */
async function bodyFrom(options: FieldOptions & { benefit?: string[] }): Promise<ProspectInput> {
  const body: Record<string, unknown> = {};
  if (typeof options['strategy'] === 'string')
    body['voicemailStrategy'] = options['strategy'] === 'team' ? null : options['strategy'];
  for (const [, key] of fieldFlags) if (options[key] !== undefined) body[key] = options[key];
  for (const [flag, option, key] of yesNoFlags) {
    const given = options[option];
    if (typeof given !== 'string') continue;
    const { parseYesNo } = await import('../../modules/prospects/index.ts');
    const answer = parseYesNo(given);
    if (answer === null) throw invalid(flag.split(' ')[0]!, `"${given}" is not yes or no`);
    body[key] = answer;
  }
  const phones = phoneFlags.flatMap((kind) =>
    typeof options[kind] === 'string' ? [{ number: options[kind], kind }] : [],
  );
  if (phones.length > 0) body['phones'] = phones;
  const research: Record<string, unknown> = {};
  for (const [, key] of researchFlags) if (options[key] !== undefined) research[key] = options[key];
  if (options.benefit) research['benefits'] = options.benefit;
  if (Object.keys(research).length > 0) body['research'] = research;
  return body;
}

export function prospectsCommand(): Command {
  const cmd = new Command('prospects').description('list, show, add and edit prospects');
  common(cmd.command('list'))
    .description('list prospects with their local time')
    .option('-q, --query <text>', 'match name, email or company')
    .option('--stage <stage>', 'only this stage')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--at <iso>', 'the time to show local times for (default now)')
    .action((o) =>
      withClient(o, async (client) => {
        const page = await client.listProspects({
          query: { q: o.query, stage: o.stage, limit: o.limit, offset: o.offset, at: o.at },
        });
        show(o.json, page, prospectPageLines);
        return 0;
      }),
    );
  common(cmd.command('show <prospect>'))
    .description('one prospect, by id, external id or email')
    .option('--at <iso>', 'the time to show the local time for (default now)')
    .action((key, o) =>
      withClient(o, async (client) => {
        const p = await client.getProspect({ params: { key }, query: { at: o.at } });
        if (o.json) printJson(p);
        else {
          // The prospect first: what is known of them is printed even if their facts cannot be read.
          show(false, p, prospectLines);
          show(false, await client.listIntel({ params: { key: String(p.id) } }), heardLines);
        }
        return 0;
      }),
    );
  common(cmd.command('assign'))
    .description(
      "move prospects to a rep's book or the team's shared pool (managers): those of one owner, one stage, a list, or all; audited",
    )
    .requiredOption('--to <user>', 'whose book they go to: an id, email or name, or pool')
    .option('--from <user>', 'only those now in this book (or pool: the unowned)')
    .option('--stage <stage>', 'only those at this stage')
    .option('--ids <ids>', 'only these prospects: ids separated by commas')
    .option('--all', 'every prospect of the team')
    .action((o) =>
      withClient(o, async (client) => {
        const ids = o.ids
          ? String(o.ids)
              .split(',')
              .map((id: string) => {
                if (!/^\d+$/.test(id.trim())) throw invalid('ids', `"${id}" is not a prospect id`);
                return Number(id);
              })
          : undefined;
        const moved = await client.reassign({
          body: {
            to: o.to,
            ...(o.from ? { from: o.from } : {}),
            ...(o.stage ? { stage: o.stage } : {}),
            ...(ids ? { ids } : {}),
            ...(o.all ? { all: true } : {}),
          },
        });
        show(o.json, moved, (m) => [
          `Moved ${m.reassigned} prospect${m.reassigned === 1 ? '' : 's'} to ${m.to === null ? "the team's shared pool" : `user ${m.to}'s book`}.`,
        ]);
        return 0;
      }),
    );
  withFields(common(cmd.command('add'), prospectFields))
    .description('add a prospect (a name or an email is required)')
    .action((o) =>
      withClient(o, async (client) => {
        const p = await client.addProspect({ body: await bodyFrom(o) });
        show(o.json, p, prospectLines);
        return 0;
      }),
    );
  withFields(common(cmd.command('edit <prospect>'), prospectFields))
    .description('change a prospect: the fields given; numbers are added; research notes merged')
    .option('--at <iso>', 'when the change is made (default now)')
    .action((key, o) =>
      withClient(o, async (client) => {
        const p = await client.editProspect({
          params: { key },
          query: { at: o.at },
          body: await bodyFrom(o),
        });
        show(o.json, p, prospectLines);
        return 0;
      }),
    );
  return cmd;
}
