import { checkClaims } from '../src/modules/voicemail/check-claims.ts';
import { type CorpusItem, honestyCorpus, scoreCorpus } from '../src/modules/voicemail/honesty-corpus.ts';

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** The honesty check on its labelled corpus: precision and recall, whole and on the held-out fifth. */
export function honestyBench(): string[] {
  const items = honestyCorpus();
  const fails = (item: CorpusItem) => checkClaims(item.text, item.record).some((f) => f.severity === 'fail');
  const started = process.hrtime.bigint();
  const lines = [
    ['whole corpus', items],
    ['held out', items.filter((i) => i.heldOut)],
  ].map(([name, subset]) => {
    const f = scoreCorpus(subset as CorpusItem[], fails);
    return `${name}: ${f.size} messages (${f.dishonest} dishonest, ${f.honest} honest): recall ${pct(f.recall)} (dishonest failed), precision ${pct(f.precision)}, false positives ${pct(f.falsePositiveRate)} of honest`;
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return [
    ...lines,
    `checked ${items.length * 2} messages in ${ms.toFixed(0)} ms (${((ms * 1000) / (items.length * 2)).toFixed(0)} µs a message)`,
  ];
}
