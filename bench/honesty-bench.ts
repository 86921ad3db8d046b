import { checkClaims } from '../src/modules/voicemail/check-claims.ts';
import {
  type CorpusItem,
  honestyCorpus,
  scoreCorpus,
  writtenApart,
} from '../src/modules/voicemail/honesty-corpus.ts';

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** The honesty check on its labelled corpus (whole and its held-out fifth) and on the sets written apart from it. */
export function honestyBench(): string[] {
  const items = honestyCorpus();
  let checked = 0;
  const fails = (item: CorpusItem) => {
    checked++;
    return checkClaims(item.text, item.record).some((f) => f.severity === 'fail');
  };
  const started = process.hrtime.bigint();
  const apart = writtenApart();
  const lines = [
    ['whole corpus', items],
    ['held out', items.filter((i) => i.heldOut)],
    ...apart.map((set) => [
      `${set.name} (written apart, ${set.sealed ? 'sealed: never taught from' : 'taught from after its first measure'})`,
      set.items,
    ]),
  ].map(([name, subset]) => {
    const f = scoreCorpus(subset as CorpusItem[], fails);
    return `${name}: ${f.size} messages (${f.dishonest} dishonest, ${f.honest} honest): recall ${pct(f.recall)} (dishonest failed), precision ${pct(f.precision)}, false positives ${pct(f.falsePositiveRate)} of honest`;
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return [
    ...lines,
    `checked ${checked} messages in ${ms.toFixed(0)} ms (${((ms * 1000) / checked).toFixed(0)} µs a message)`,
  ];
}
