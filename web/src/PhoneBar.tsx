import { answer, decline, type PhoneState, toggleMute } from './phone.ts';

/**
 * The desk phone, for a rep whose calls ring in the browser: whether it is ready, a call ringing
 * (Answer, Decline) and the call it is on (Mute, Hang up). Nothing for a rep whose phone rings.
 */
export function PhoneBar({ phone, onHangUp }: { phone: PhoneState; onHangUp: () => void }) {
  if (phone.status === 'off') return null;
  return (
    <section className={`phone-bar phone-${phone.status}`} aria-label="Desk phone">
      <span className="phone-status" role="status">
        {phone.said}
      </span>
      {phone.ringing.map((call) => (
        <span key={call.sid} className="phone-ringing" role="alert">
          Ringing: {call.from}{' '}
          <button type="button" onClick={() => answer(call.sid)}>
            Answer <kbd>a</kbd>
          </button>{' '}
          <button type="button" className="quiet" onClick={() => decline(call.sid)}>
            Decline
          </button>
        </span>
      ))}
      {phone.on && (
        <span className="phone-on">
          On the call{phone.on.muted ? ' (muted)' : ''}{' '}
          <button type="button" aria-pressed={phone.on.muted} onClick={toggleMute}>
            {phone.on.muted ? 'Unmute' : 'Mute'} <kbd>m</kbd>
          </button>{' '}
          <button type="button" className="quiet" onClick={onHangUp}>
            End here
          </button>
        </span>
      )}
    </section>
  );
}
