import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createRandom } from '../src/shared/random.ts';

// biome-ignore format: word lists read best packed
const first = ['Ann', 'Ben', 'Carla', 'David', 'Elena', 'Frank', 'Grace', 'Hector', 'Zoë', 'José', 'Åsa', 'Li'];
// biome-ignore format: word lists read best packed
const places: [string, string][] = [['NY', '212'], ['IL', '312'], ['CA', '415'], ['TX', '214'], ['CO', '303'], ['WA', '206'], ['GA', '404'], ['MA', '617']];

/** Writes a generic-preset CSV of `rows` distinct prospects, streamed so any size fits in memory. */
export async function writeProspectCsv(path: string, rows: number, seed = 7): Promise<number> {
  const rng = createRandom(seed);
  const out = createWriteStream(path);
  out.write(
    'external_id,first_name,last_name,title,company,company_domain,email,phone_direct,phone_main,region,country,stage,value\n',
  );
  for (let i = 0; i < rows; i++) {
    const [region, area] = places[i % places.length]!;
    const company = Math.floor(i / 4);
    const line = `x${i},${rng.pick(first)},Name${i},CFO,Company ${company},c${company}.example,p${i}@c${company}.example,+1${area}${String(2_000_000 + (i % 7_000_000)).padStart(7, '0')},,${region},US,new,${rng.int(1, 100) * 1000}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/**
 * Writes a generic-preset CSV of `rows` rows of which every tenth is bad in one of five ways
 * (a NUL byte, bytes that are not UTF-8, a bad email, a field beyond the header, a stray quote);
 * the good rows carry quoted notes with commas. Returns how many rows are bad.
 */
export async function writeMessyCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('external_id,first_name,last_name,email,phone_direct,company,notes\n');
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const phone = `+1312${String(2_000_000 + (i % 7_000_000)).padStart(7, '0')}`;
    const good = `m${i},P${i},Doe,p${i}@acme.example,${phone},Acme ${i % 5000},"met at show ${i % 50}, asked about lanes"\n`;
    const kind = i % 10 === 7 ? Math.floor(i / 10) % 5 : -1;
    const line: string | Buffer =
      kind === 0
        ? `m${i},P${i},Do\u0000e,p${i}@acme.example,${phone},Acme,\n`
        : kind === 1
          ? Buffer.concat([
              Buffer.from(`m${i},P${i},D`),
              Buffer.from([0xff]),
              Buffer.from(`oe,,${phone},Acme,\n`),
            ])
          : kind === 2
            ? `m${i},P${i},Doe,not-an-email,${phone},Acme,\n`
            : kind === 3
              ? `m${i},P${i},Doe,p${i}@acme.example,${phone},Acme,notes,surplus\n`
              : kind === 4
                ? `"m${i},P${i},Doe,p${i}@acme.example,${phone},Acme,\n`
                : good;
    if (kind >= 0) bad++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bad;
}
