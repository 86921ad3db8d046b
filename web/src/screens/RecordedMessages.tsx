import { useEffect, useRef, useState } from 'react';
import type { MessageKind } from '../../../src/contracts/vocabulary.ts';
import { api, type Drop, describeError } from '../api.ts';
import { type Recording, recordMicrophone, type Take, toTake } from '../audio/record.ts';
import { base64Of, peakDb, SILENT_DB } from '../audio/wav.ts';
import { useNotices } from '../notices.tsx';
import { useLoad } from '../use-load.ts';

const KINDS = [
  'introduction',
  'curiosity',
  'information',
  'invitation',
  'referral',
  'follow-up',
  'generic',
] as const satisfies readonly MessageKind[];

/** The shortest and longest recording kept (the API's limits too). */
const MIN_SECONDS = 3;
const MAX_SECONDS = 60;

/**
 * The recorded messages the desk plays at the beep: each in the rep's own voice, with its words
 * (checked for honesty, since the same recording goes to everyone). Recorded here from the
 * microphone, or chosen from a file; retired when no longer wanted.
 */
export function RecordedMessages() {
  const { say } = useNotices();
  const drops = useLoad(() => api<{ items: Drop[] }>('/voicemail-drops'), []);
  const retire = async (drop: Drop) => {
    try {
      await api(`/voicemail-drops/${drop.id}`, { method: 'DELETE' });
      say(`“${drop.name}” is retired: never played again.`);
      await drops.reload();
    } catch (error) {
      say(describeError(error), { tone: 'error' });
    }
  };
  const live = (drops.data?.items ?? []).filter((d) => d.retiredAt === null);
  return (
    <section className="drops" aria-labelledby="drops-title">
      <h2 id="drops-title">Recorded messages</h2>
      <p className="muted">
        Played at the beep on calls through Reach, where the law allows a recording to that line.
      </p>
      {drops.error !== null && <p className="error">{describeError(drops.error)}</p>}
      {live.length > 0 && (
        <ul className="drop-list">
          {live.map((d) => (
            <li key={d.id}>
              <strong>{d.name}</strong> · {d.kind} · {d.seconds.toFixed(1)} s · played {d.played} times
              <blockquote>{d.transcript}</blockquote>
              <button type="button" className="quiet" onClick={() => void retire(d)}>
                Retire
              </button>
            </li>
          ))}
        </ul>
      )}
      {drops.data && live.length === 0 && <p>No recorded message yet.</p>}
      <RecordDrop onSaved={() => void drops.reload()} />
    </section>
  );
}

type Stage =
  | { at: 'idle' }
  | { at: 'recording'; recording: Recording; since: number }
  | { at: 'reading' }
  | { at: 'taken'; take: Take; url: string; from: string };

function RecordDrop({ onSaved }: { onSaved: () => void }) {
  const { say } = useNotices();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MessageKind>('introduction');
  const [transcript, setTranscript] = useState('');
  const [stage, setStage] = useState<Stage>({ at: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const current = useRef(stage);
  current.current = stage;
  // A take's address is let go when another replaces it, and a recording stops when the page is left.
  useEffect(
    () => () => {
      const s = current.current;
      if (s.at === 'recording') s.recording.cancel();
      if (s.at === 'taken') URL.revokeObjectURL(s.url);
    },
    [],
  );
  useEffect(() => {
    if (stage.at !== 'recording') return;
    const timer = setInterval(() => {
      const seconds = (performance.now() - stage.since) / 1000;
      setElapsed(seconds);
      if (seconds >= MAX_SECONDS) void stop();
    }, 200);
    return () => clearInterval(timer);
  });

  const took = (take: Take, from: string) => {
    if (current.current.at === 'taken') URL.revokeObjectURL(current.current.url);
    const url = URL.createObjectURL(new Blob([take.wav], { type: 'audio/wav' }));
    setStage({ at: 'taken', take, url, from });
    const peak = peakDb(take.samples);
    setProblem(
      peak < SILENT_DB
        ? `This take is silent (loudest ${Number.isFinite(peak) ? `${peak.toFixed(0)} dB` : 'nothing'}): check the microphone and record again.`
        : take.seconds < MIN_SECONDS
          ? `This take is ${take.seconds.toFixed(1)} s long: a message is at least ${MIN_SECONDS} s.`
          : take.seconds > MAX_SECONDS
            ? `This take is ${take.seconds.toFixed(0)} s long: a recorded message is at most ${MAX_SECONDS} s.`
            : null,
    );
  };
  const start = async () => {
    setProblem(null);
    try {
      const recording = await recordMicrophone();
      setElapsed(0);
      setStage({ at: 'recording', recording, since: performance.now() });
    } catch (error) {
      setProblem(
        `The browser did not let Reach use a microphone (${describeError(error)}): allow it for this page, or choose a file.`,
      );
    }
  };
  const stop = async () => {
    const s = current.current;
    if (s.at !== 'recording') return;
    setStage({ at: 'reading' });
    try {
      took(await s.recording.stop(), 'the microphone');
    } catch (error) {
      setStage({ at: 'idle' });
      setProblem(`The recording could not be read: ${describeError(error)}`);
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setStage({ at: 'reading' });
    try {
      took(await toTake(file), file.name);
    } catch {
      setStage({ at: 'idle' });
      setProblem(`${file.name} is not audio this browser can read: choose a WAV or an MP3.`);
    }
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (stage.at !== 'taken' || problem) return;
    try {
      const drop = await api<Drop>('/voicemail-drops', {
        method: 'POST',
        body: { name, kind, transcript, audio: base64Of(stage.take.wav) },
      });
      say(`Kept “${drop.name}” (${drop.seconds.toFixed(1)} s).`);
      URL.revokeObjectURL(stage.url);
      setStage({ at: 'idle' });
      setName('');
      setTranscript('');
      onSaved();
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  return (
    <form className="record-drop" aria-label="Record a message" onSubmit={(e) => void save(e)}>
      <h3>Record a message</h3>
      <div className="form-grid">
        <label>
          Message name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="intro-q4" required />
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as MessageKind)}>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Its words, as you say them
        <textarea
          value={transcript}
          onChange={(e) => setTranscript(e.target.value)}
          rows={3}
          required
          aria-describedby="drop-words-hint"
        />
      </label>
      <small id="drop-words-hint" className="muted">
        Checked like any message left: who you are, the business at the start, and how to call back.
      </small>
      <div className="row">
        {stage.at === 'recording' ? (
          <button type="button" className="primary" onClick={() => void stop()}>
            Stop ({elapsed.toFixed(0)} s)
          </button>
        ) : (
          <button type="button" onClick={() => void start()} disabled={stage.at === 'reading'}>
            {stage.at === 'taken' ? 'Record again' : 'Record'}
          </button>
        )}
        <label className="inline">
          or a file
          <input
            type="file"
            accept="audio/wav,audio/mpeg,audio/*,.wav,.mp3"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              // The same file chosen again is read again.
              e.target.value = '';
            }}
            disabled={stage.at === 'recording' || stage.at === 'reading'}
          />
        </label>
      </div>
      {stage.at === 'recording' && (
        <p role="status">Recording from the microphone… say the words above, then Stop.</p>
      )}
      {stage.at === 'reading' && <p role="status">Reading the take…</p>}
      {stage.at === 'taken' && (
        <p className="take" role="status">
          <span data-testid="take">
            A take of {stage.take.seconds.toFixed(1)} s from {stage.from}, as the line will play it:
          </span>{' '}
          {/* biome-ignore lint/a11y/useMediaCaption: the rep's own recording; its words are the transcript above */}
          <audio controls src={stage.url} />
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={stage.at !== 'taken' || problem !== null}>
        Keep this message
      </button>
    </form>
  );
}
