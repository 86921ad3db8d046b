import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/max';

export type NormalizedPhone = { ok: true; e164: string; extension: string | null; country: string | null };
export type PhoneProblem = { ok: false; reason: string };

const reasons: Record<string, string> = {
  INVALID_COUNTRY: 'no country code and no default country to read it with',
  NOT_A_NUMBER: 'not a phone number',
  TOO_SHORT: 'too short to be a phone number',
  TOO_LONG: 'too long to be a phone number',
  INVALID_LENGTH: 'wrong number of digits',
};

/** Normalises a number as written by a person to E.164, or says why it cannot. */
export function normalizePhone(input: string, defaultCountry: string): NormalizedPhone | PhoneProblem {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberWithError(
      text,
      country ? { defaultCountry: country, extract: false } : { extract: false },
    );
    if (!parsed.isValid()) {
      const where = parsed.country ?? `+${parsed.countryCallingCode}`;
      return { ok: false, reason: `not a valid number in ${where}` };
    }
    return { ok: true, e164: parsed.number, extension: parsed.ext ?? null, country: parsed.country ?? null };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: reasons[error.message] ?? error.message };
    throw error;
  }
}
