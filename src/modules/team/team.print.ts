import type { TeamConfig } from '../../contracts/team.contract.ts';

/** `reach config`: each setting on its line; lists comma-separated, the calling rules as JSON. */
export const configLines = (config: TeamConfig): string[] =>
  Object.entries(config).map(
    ([key, value]) =>
      `${key.padEnd(24)} ${key === 'callingRules' ? JSON.stringify(value) : Array.isArray(value) ? value.join(', ') : value}`,
  );
