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
