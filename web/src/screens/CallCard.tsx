import { useEffect, useState } from 'react';
import {
  type Advice,
  api,
  type CardEntry,
  type Drop,
  describeError,
  type GreetingRead,
  type IntelFact,
  type LoggedCall,
  type Prospect,
  type Timeline,
} from '../api.ts';
import { formatIn, nowIso, repZone, theirTime, zoneName } from '../clock.ts';
import { useProspectHold } from '../hold.ts';
import { minutesSeconds, useCallTimer } from '../log/call-timer.ts';
import { LogPanel } from '../log/LogPanel.tsx';
import { type LiveCallControl, useLiveCall } from '../log/live-call.ts';
import { useNotices } from '../notices.tsx';
import { href, typing } from '../router.ts';
import { money, useTeam } from '../team.ts';
import { useLoad } from '../use-load.ts';
import { percent } from './Now.tsx';

/**
 * The card of the prospect the rep chose: it stays on that prospect and number whatever the
 * queue does after, and every log from it targets them and names them.
 */
export function CallCard(props: {
  entry: CardEntry;
  /** False when the last refresh no longer proposes this prospect now: the card stays for the call under way. */
  inQueue: boolean;
  onHold: (hold: boolean) => void;
  onLogged: (logged: LoggedCall) => void;
}) {
  const { entry, inQueue, onHold, onLogged } = props;
  const id = entry.prospect.id;
  const zone = entry.local.timezone;
  const { say } = useNotices();
  const team = useTeam();
  const timer = useCallTimer();
  const live = useLiveCall(id);
  const heldBy = useProspectHold(id);
  const throughReach = team?.telephony === 'twilio';
  const [number, setNumber] = useState(entry.number.e164);
  const prospect = useLoad(() => api<Prospect>(`/prospects/${id}`, { query: { at: nowIso() } }), [id]);
  const intel = useLoad(() => api<{ items: IntelFact[] }>(`/prospects/${id}/intel`), [id]);
  const timeline = useLoad(() => api<Timeline>(`/prospects/${id}/timeline`), [id]);
  const advice = useLoad(
    () => api<Advice>(`/prospects/${id}/voicemail`, { query: { at: nowIso(), number } }),
    [id, number],
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(number);
      say(`Copied ${number}.`);
    } catch {
      say(`Copy ${number} by hand: the browser refused the clipboard.`, { tone: 'info' });
    }
  };

  const place = async () => {
    // One call at a time: a second press while the first is being placed, or under way, places nothing.
    if (live.placing || (live.call && live.call.state !== 'ended')) return;
    try {
      await live.dial(number);
    } catch (error) {
      say(`Not calling ${entry.prospect.name}: ${describeError(error)}`, { tone: 'error' });
    }
  };
  const hangUp = async () => {
    try {
      await live.hangUp();
    } catch (error) {
      say(`The call was not ended: ${describeError(error)}`, { tone: 'error' });
    }
  };
  // The rep's recordings in use, offered at the beep where the strategy says leave.
  const drops = useLoad(
    () =>
      throughReach
        ? api<{ items: Drop[] }>('/voicemail-drops').then((d) => d.items.filter((x) => x.retiredAt === null))
        : Promise.resolve([] as Drop[]),
    [throughReach],
  );
  const playDrop = async (drop: Drop | undefined) => {
    if (!drop || !live.call || live.call.drop) return;
    try {
      await live.drop(drop.id);
      say(`Playing “${drop.name}” at the beep; the call ends when it has played and logs itself.`, {
        tone: 'info',
      });
    } catch (error) {
      say(`Not played: ${describeError(error)}`, { tone: 'error' });
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'c') void copy();
      else if (event.key === 'd' && throughReach) {
        event.preventDefault();
        void place();
      } else if (event.key === 'h' && live.call && live.call.state !== 'ended') {
        event.preventDefault();
        void hangUp();
      } else if (event.key === 'p' && live.call && ['machine', 'beep'].includes(live.call.state)) {
        event.preventDefault();
        void playDrop(drops.data?.[0]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const p = prospect.data;
  const research = p?.research ?? {};
  const dialable = (p?.phones ?? []).filter((ph) => ph.valid && !ph.doNotCall);
  const calls = (timeline.data?.entries ?? [])
    .filter((t) => t.type === 'call' || t.type === 'message')
    .slice(-5);
  const now = nowIso();

  return (
    <article
      className="call-card"
      aria-labelledby="card-name"
      data-prospect={id}
      data-number={number}
      data-zone={zone ?? ''}
    >
      <header>
        {heldBy && (
          <p className="error" role="alert">
            {heldBy}: take the next prospect (j) rather than call them too.
          </p>
        )}
        {!inQueue && (
          <p className="pinned-note" role="status">
            The last refresh no longer proposes {entry.prospect.name} now; the card stays so you can finish
            and log this call.
          </p>
        )}
        <h2 id="card-name">
          <a href={href('prospects', id)}>{entry.prospect.name}</a>
        </h2>
        <p className="muted">
          {[entry.prospect.title, entry.prospect.company].filter(Boolean).join(' · ')} ·{' '}
          {entry.prospect.stage}
        </p>
        <Worth entry={entry} value={p?.value ?? null} currency={team?.currency} />
        <div className="dial">
          {throughReach ? (
            <>
              <span className="number">{number}</span>
              <button
                type="button"
                className="call-button"
                disabled={live.placing || (live.call !== null && live.call.state !== 'ended')}
                onClick={() => void place()}
                title="Call through Reach: your phone rings, then theirs (d)"
              >
                Call <kbd>d</kbd>
              </button>
            </>
          ) : (
            <a className="number" href={`tel:${number}`} onClick={() => timer.running || timer.start()}>
              {number}
            </a>
          )}
          <button type="button" onClick={() => void copy()} title="Copy the number (c)">
            Copy
          </button>
          {!throughReach && (
            <button
              type="button"
              className={timer.running ? 'timer running' : 'timer'}
              onClick={() => (timer.running ? timer.stop() : timer.start())}
              title="Start or stop the call timer (t); its time is logged as the call's duration"
            >
              {timer.running
                ? `On the call ${minutesSeconds(timer.seconds())} · stop`
                : timer.startedAt !== null
                  ? `Call ${minutesSeconds(timer.seconds())}`
                  : 'Start call'}{' '}
              <kbd>t</kbd>
            </button>
          )}
          <span className="local">
            {zone
              ? `their time ${entry.local.weekday} ${formatIn(now, zone, { date: false })} (${zoneName(zone)})`
              : 'their zone is unknown'}
            {entry.local.ambiguous ? ', zone uncertain' : ''}
            {zone && zone !== repZone && (
              <span className="muted">
                {' '}
                · yours {formatIn(now, repZone, { date: false })} ({zoneName(repZone)})
              </span>
            )}
          </span>
          <span className="prob">{percent(entry.probability)} to reach</span>
        </div>
        {dialable.length > 1 && (
          <fieldset className="numbers">
            <legend>Number to dial</legend>
            {dialable.map((ph) => (
              <label key={ph.id}>
                <input
                  type="radio"
                  name="number"
                  checked={ph.e164 === number}
                  onChange={() => setNumber(ph.e164)}
                />
                {ph.kind} {ph.e164}
                {ph.extension ? ` x${ph.extension}` : ''}
                {ph.e164 === entry.number.e164 ? ' (proposed)' : ''}
              </label>
            ))}
          </fieldset>
        )}
        <ul className="reasons">
          {entry.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </header>

      {live.call && (
        <LiveCallPanel
          live={live}
          advice={advice.data}
          onHangUp={() => void hangUp()}
          drops={drops.data ?? []}
          onDrop={(drop) => void playDrop(drop)}
          onGreeting={async (text) => {
            try {
              const read = await api<GreetingRead>(`/prospects/${id}/greeting`, {
                method: 'POST',
                body: { text, number, at: nowIso() },
              });
              say(
                read.findings.length === 0
                  ? 'Nothing in the greeting Reach can use.'
                  : `The greeting: ${read.findings.map((f) => f.text).join('; ')}.`,
                { tone: 'info' },
              );
              void intel.reload();
              void advice.reload();
              return true;
            } catch (error) {
              say(`The greeting was not read: ${describeError(error)}`, { tone: 'error' });
              return false;
            }
          }}
        />
      )}

      <VoicemailPanel advice={advice.data} loading={advice.loading} error={advice.error} />

      <LogPanel
        prospect={{ id, name: entry.prospect.name }}
        zone={zone}
        number={number}
        timer={timer}
        advice={advice.data}
        keyboard
        onHold={onHold}
        liveCall={live.call && live.call.loggedBy !== 'rep' ? live.call : null}
        onLogged={(logged) => {
          live.clear();
          onLogged(logged);
        }}
      />

      <div className="card-columns">
        <section aria-label="Research">
          <h3>Research</h3>
          {Object.keys(research).length === 0 ? (
            <p className="muted">
              No research yet. <a href={href('prospects', id)}>Add it</a>: a priority objective and two
              benefits make a message worth leaving.
            </p>
          ) : (
            <dl>
              {research.priorityObjective && <Item term="Objective" value={research.priorityObjective} />}
              {research.benefits && research.benefits.length > 0 && (
                <Item term="Benefits" value={research.benefits.join('; ')} />
              )}
              {research.referenceClients && <Item term="References" value={research.referenceClients} />}
              {research.background && <Item term="Background" value={research.background} />}
              {research.referredBy && <Item term="Referred by" value={research.referredBy} />}
              {research.preferredChannel && <Item term="Prefers" value={research.preferredChannel} />}
              {research.notes && <Item term="Notes" value={research.notes} />}
            </dl>
          )}
          {p && (p.alreadyHasProduct || p.competitorRelationship) && (
            <p className="muted">
              {[
                p.alreadyHasProduct ? 'already has what you sell' : '',
                p.competitorRelationship ? 'has a vendor relationship' : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
          <h3>Intelligence</h3>
          {(intel.data?.items ?? []).length === 0 ? (
            <p className="muted">Nothing recorded: ask the gatekeeper when the boss is in.</p>
          ) : (
            <ul className="plain">
              {intel.data?.items.map((f) => (
                <li key={f.id}>{f.text}</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Last attempts">
          <h3>Last attempts</h3>
          {calls.length === 0 ? (
            <p className="muted">Never called.</p>
          ) : (
            <ul className="plain history">
              {calls.map((t) => (
                <li key={`${t.type}-${t.id}`}>
                  <time dateTime={t.at}>{theirTime(t.at, zone, { yours: false })}</time> {t.text}
                </li>
              ))}
            </ul>
          )}
          {timeline.data && (
            <p className="muted">
              Effort: {timeline.data.effort.attempts} attempts, {timeline.data.effort.voicemails} messages,{' '}
              {timeline.data.effort.minutes} min
            </p>
          )}
        </section>
      </div>
      {prospect.error !== null && <p className="error">{describeError(prospect.error)}</p>}
    </article>
  );
}

const STATE_LABEL: Record<string, string> = {
  placing: 'Placing',
  'calling-rep': 'Your phone',
  dialling: 'Dialling',
  ringing: 'Ringing',
  answered: 'Answered',
  person: 'A person',
  machine: 'A machine',
  beep: 'The beep',
  ended: 'Ended',
};

/**
 * The call through Reach as it moves: ringing, a person, a machine, the beep (with the voicemail
 * decision for this call: leave, and the script, or hang up and what to do instead), ended and
 * what it logged itself as.
 */
function LiveCallPanel(props: {
  live: LiveCallControl;
  advice: Advice | null;
  onHangUp: () => void;
  /** The rep's recordings in use: one may be played at the beep instead of speaking. */
  drops: Drop[];
  onDrop: (drop: Drop) => void;
  /** What the rep heard the greeting say, to read and record; true when it was. */
  onGreeting: (text: string) => Promise<boolean>;
}) {
  const call = props.live.call!;
  const { advice } = props;
  const [greeting, setGreeting] = useState('');
  const machine = call.answeredBy?.startsWith('machine') === true;
  const open = call.state !== 'ended';
  const atBeep = call.state === 'beep';
  const leave = advice?.decision === 'leave';
  return (
    <section
      className={`live-call state-${call.state}`}
      aria-label="The call"
      aria-live="polite"
      data-state={call.state}
    >
      <p className="live-state">
        <span className="state-chip">
          {call.state === 'calling-rep' && call.repVia === 'browser'
            ? 'This desk'
            : (STATE_LABEL[call.state] ?? call.state)}
        </span>{' '}
        {call.says}
        {open && (
          <button type="button" className="hang-up" onClick={props.onHangUp} title="End the call (h)">
            Hang up <kbd>h</kbd>
          </button>
        )}
      </p>
      {atBeep && advice && (
        <div className={`at-beep ${leave ? 'leave' : 'skip'}`} role="alert">
          {leave ? (
            <>
              <strong>At the beep: leave the message</strong> ({advice.strategy} strategy). Say it now
              {advice.script ? `, about ${advice.script.seconds} s` : ''}, then log it with <kbd>l</kbd>.
              {advice.script && <blockquote>{advice.script.text}</blockquote>}
              {props.drops.length > 0 && !call.drop && (
                <span className="drops">
                  Or play your recording and move on:{' '}
                  {props.drops.map((d, i) => (
                    <button key={d.id} type="button" onClick={() => props.onDrop(d)} title={d.transcript}>
                      Play “{d.name}” ({d.seconds} s){i === 0 && <kbd>p</kbd>}
                    </button>
                  ))}{' '}
                  <span className="muted">
                    only where the law allows a recorded message; Reach checks first
                  </span>
                </span>
              )}
            </>
          ) : (
            <>
              <strong>At the beep: hang up, leave nothing</strong> ({advice.strategy} strategy).{' '}
              {advice.instead.length > 0 ? `Instead: ${advice.instead.map((i) => i.text).join('; ')}` : ''}
            </>
          )}
        </div>
      )}
      {(call.recorded || call.drop) && (
        <p className="muted live-flags">
          {call.recorded && (call.disclosed ? 'Recorded: they were told first. ' : 'Recorded. ')}
          {call.drop && `Recording “${call.drop.name}” played at the beep.`}
        </p>
      )}
      {machine && (
        <form
          className="greeting"
          onSubmit={(e) => {
            e.preventDefault();
            if (greeting.trim().length < 3) return;
            void props.onGreeting(greeting.trim()).then((read) => read && setGreeting(''));
          }}
        >
          <label>
            The greeting, as you heard it
            <input
              value={greeting}
              onChange={(e) => setGreeting(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') (e.target as HTMLElement).blur();
              }}
              placeholder="“Out of the office until Monday… if you are calling to sell me…”"
            />
          </label>
          <button type="submit">Read it</button>
        </form>
      )}
      {call.attemptId !== null && (
        <p className="muted">
          {call.loggedBy === 'rep'
            ? `Logged as ${call.outcome}.`
            : `Logged by the call as ${call.outcome}${call.durationSeconds !== null ? `, ${call.durationSeconds} s` : ''}. Say who answered or what you left with the keys below: your word takes its place.`}
        </p>
      )}
    </section>
  );
}

/** What reaching this prospect is worth, in the team's currency, and what the rank used. */
function Worth(props: { entry: CardEntry; value: number | null; currency: string | undefined }) {
  const { entry, value, currency } = props;
  const weight = entry.probability > 0 ? entry.expectedValue / entry.probability : null;
  return (
    <p className="worth">
      {value !== null ? (
        <>
          Deal value <strong>{money(value, currency)}</strong>
        </>
      ) : (
        <>No deal value recorded: ranked at the book&apos;s typical value</>
      )}
      {weight !== null && (
        <span className="muted">
          {' '}
          · expected now {money(entry.expectedValue, currency)} = {percent(entry.probability)} to reach ×{' '}
          {money(weight, currency)}
          {value !== null && weight > value + 1
            ? ` (the deal value raised ${(weight / value).toFixed(1)}× for an ${entry.prospect.stage} prospect)`
            : ''}
        </span>
      )}
    </p>
  );
}

function Item({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

const SEVERITY_MARK: Record<string, string> = { ok: '✓', info: 'i', warn: '!', fail: '✗' };

export function VoicemailPanel(props: { advice: Advice | null; loading: boolean; error: unknown }) {
  const { advice, loading, error } = props;
  if (error)
    return (
      <section className="voicemail skip" aria-label="Voicemail">
        <h3>If voicemail: no advice</h3>
        <p className="error">{describeError(error)}</p>
      </section>
    );
  if (!advice)
    return <section className="voicemail muted">{loading ? 'Deciding about voicemail…' : ''}</section>;
  const leave = advice.decision === 'leave';
  return (
    <section className={`voicemail ${leave ? 'leave' : 'skip'}`} aria-label="Voicemail">
      <h3>
        If voicemail: <strong>{leave ? 'leave a message' : 'do not leave a message'}</strong>{' '}
        <span className="muted">
          ({advice.strategy} strategy, from the {advice.strategyFrom})
        </span>
      </h3>
      <ul className="plain">
        {advice.reasons.map((r) => (
          <li key={r.code}>{r.text}</li>
        ))}
      </ul>
      {advice.script && (
        <figure className="script">
          <figcaption>
            Read this, {advice.script.kind} message, about {advice.script.seconds} s (<kbd>l</kbd> logs it as
            left)
          </figcaption>
          <blockquote>{advice.script.text}</blockquote>
          <ul className="checks">
            {advice.script.checks.map((c) => (
              <li key={c.code} className={`check check-${c.severity}`} title={c.fix ?? ''}>
                <span aria-hidden="true">{SEVERITY_MARK[c.severity]}</span> {c.text}
              </li>
            ))}
          </ul>
        </figure>
      )}
      {advice.missing.length > 0 && (
        <p className="muted">
          {advice.script ? 'To write a better one: ' : 'No script yet: say it in your own words, or '}
          {advice.missing.map((m) => m.text).join('; ')}.
        </p>
      )}
      {advice.instead.length > 0 && (
        <>
          <h4>Instead</h4>
          <ul className="plain">
            {advice.instead.map((i) => (
              <li key={i.text}>{i.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
