import { useState } from 'react';
import { api, type CallRow, type Phone } from '../../api.ts';
import { fieldsIn, nowIso, zonedToUtc } from '../../clock.ts';
import { OUTCOME_KEYS, ResultFields, TIMED } from '../../log/LogPanel.tsx';
import { useNotices } from '../../notices.tsx';

const OUTCOMES = [...OUTCOME_KEYS.map((o) => o.outcome), 'busy', 'wrong-person'];

/**
 * Corrects a call after the minute to undo it: what happened, what it came to, on which number,
 * with the reason; the server keeps before and after, and what the call taught follows.
 */
export function CorrectCall(props: {
  call: CallRow;
  zone: string | null;
  phones: Phone[];
  onDone: () => void;
}) {
  const { call, zone, phones, onDone } = props;
  const { say, fail } = useNotices();
  const [outcome, setOutcome] = useState(call.outcome);
  const [result, setResult] = useState(call.result ?? '');
  const [number, setNumber] = useState(call.number ?? '');
  const [note, setNote] = useState(call.note ?? '');
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState(() =>
    call.resultAt && zone
      ? fieldsIn(call.resultAt, zone)
      : { date: zone ? fieldsIn(nowIso(), zone).date : '', time: '' },
  );
  const [saving, setSaving] = useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { reason: reason.trim(), at: nowIso() };
    if (outcome !== call.outcome) body['outcome'] = outcome;
    if (number && number !== call.number) body['number'] = number;
    if (note.trim() !== (call.note ?? '')) body['note'] = note.trim();
    const conversational = outcome === 'reached' || outcome === 'gatekeeper';
    const newResult = conversational ? result : '';
    if (newResult !== (call.result ?? '')) body['result'] = newResult || null;
    if (TIMED.has(newResult)) {
      const at = zone ? zonedToUtc(when.date, when.time, zone) : null;
      if (!at?.ok) {
        say(`Not corrected: the time is missing (${at ? at.reason : 'their zone is unknown'}).`, {
          tone: 'error',
        });
        return;
      }
      if (at.iso !== call.resultAt) body['resultAt'] = at.iso;
    }
    if (outcome === 'voicemail-left' && call.outcome !== 'voicemail-left')
      body['message'] = { kind: 'generic' };
    setSaving(true);
    try {
      await api(`/calls/${call.id}`, { method: 'PATCH', body });
      say(`Call ${call.id} corrected.`);
      onDone();
    } catch (error) {
      fail(error, 'Not corrected');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="correct-call" aria-label={`Correct call ${call.id}`} onSubmit={(e) => void save(e)}>
      <label>
        Outcome
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <ResultFields
        label="Result"
        result={result}
        onResult={setResult}
        zone={zone}
        when={when}
        onWhen={setWhen}
      />
      <label>
        Number
        <select value={number} onChange={(e) => setNumber(e.target.value)}>
          {phones.map((p) => (
            <option key={p.id} value={p.e164}>
              {p.kind} {p.e164}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        Why the correction
        <input
          required
          minLength={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="pressed the wrong key"
        />
      </label>
      <button type="submit" className="primary" disabled={saving}>
        Save the correction
      </button>
    </form>
  );
}
