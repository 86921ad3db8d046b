import { useEffect, useState } from 'react';
import { api, type Config } from './api.ts';

let loading: Promise<Config> | null = null;

/** The team's settings, read once per page: the currency, the rep's name, the calling hours. */
export function useTeam(): Config | null {
  const [config, setConfig] = useState<Config | null>(null);
  useEffect(() => {
    loading ??= api<Config>('/config');
    let live = true;
    loading
      .then((c) => live && setConfig(c))
      .catch(() => {
        loading = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return config;
}

/** Forgets the settings read, after they were saved. */
export const teamChanged = (): void => {
  loading = null;
};

/** An amount in the team's currency: "$40,000". */
export function money(value: number, currency: string | undefined): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: currency ?? 'USD',
      maximumFractionDigits: 0,
    }).format(value);
  } catch {
    return `${Math.round(value).toLocaleString()} ${currency ?? ''}`.trim();
  }
}
