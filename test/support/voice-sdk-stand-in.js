// A stand-in for Twilio's Voice SDK page bundle (dist/twilio.min.js), served to the desk in a
// browser test in its place: the real SDK speaks to Twilio's cloud, which cannot be reached from
// here. It offers the part of the SDK's documented API the desk uses (Device: register,
// updateToken, destroy, the registered/unregistered/error/incoming/tokenWillExpire events;
// Call: parameters, customParameters, accept, reject, disconnect, mute, isMuted and their
// events) and speaks to the Twilio double (test/support/twilio-double.ts) instead of Twilio.
// Accepting a call asks for the microphone, as the SDK does. __DOUBLE_URL__ is replaced with the
// double's address when served.
(() => {
  const double = '__DOUBLE_URL__';

  class Emitter {
    constructor() {
      this.listeners = new Map();
    }
    on(event, listener) {
      const list = this.listeners.get(event) ?? [];
      list.push(listener);
      this.listeners.set(event, list);
      return this;
    }
    emit(event, ...args) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  const post = (path, form) =>
    fetch(`${double}${path}`, { method: 'POST', body: new URLSearchParams(form) }).then((r) => r.json());

  class Call extends Emitter {
    constructor(device, offer) {
      super();
      this.device = device;
      this.parameters = offer.parameters;
      this.customParameters = new Map(Object.entries(offer.customParameters ?? {}));
      this.muted = false;
      this.state = 'pending';
    }
    accept() {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(
        async (stream) => {
          this.stream = stream;
          await post('/voice-sdk/answer', {
            token: this.device.token,
            CallSid: this.parameters.CallSid,
            accept: 'true',
          });
          this.state = 'open';
          this.emit('accept', this);
        },
        (error) => this.emit('error', { code: 31401, message: `Microphone: ${error.message}` }),
      );
    }
    reject() {
      void post('/voice-sdk/answer', {
        token: this.device.token,
        CallSid: this.parameters.CallSid,
        accept: 'false',
      });
      this.state = 'closed';
      this.emit('reject');
    }
    disconnect() {
      void post('/voice-sdk/hangup', { token: this.device.token, CallSid: this.parameters.CallSid });
    }
    mute(shouldMute = true) {
      this.muted = shouldMute;
      for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !shouldMute;
      this.emit('mute', shouldMute, this);
    }
    isMuted() {
      return this.muted;
    }
    status() {
      return this.state;
    }
    closed() {
      this.state = 'closed';
      for (const track of this.stream?.getTracks() ?? []) track.stop();
    }
  }

  class Device extends Emitter {
    constructor(token, options) {
      super();
      this.token = token;
      this.options = options;
      this.calls = new Map();
      this.state = 'unregistered';
    }
    register() {
      return new Promise((resolve, reject) => {
        const events = new EventSource(`${double}/voice-sdk/events?token=${encodeURIComponent(this.token)}`);
        this.events = events;
        events.addEventListener('registered', () => {
          this.state = 'registered';
          this.emit('registered');
          resolve();
        });
        events.addEventListener('incoming', (event) => {
          const call = new Call(this, JSON.parse(event.data));
          this.calls.set(call.parameters.CallSid, call);
          this.emit('incoming', call);
        });
        for (const [name, emitted] of [
          ['cancel', 'cancel'],
          ['disconnect', 'disconnect'],
        ])
          events.addEventListener(name, (event) => {
            const call = this.calls.get(JSON.parse(event.data).CallSid);
            if (!call) return;
            call.closed();
            this.calls.delete(call.parameters.CallSid);
            call.emit(emitted, call);
          });
        events.onerror = () => {
          if (this.state === 'registered') return;
          events.close();
          const error = { code: 20101, message: 'AccessTokenInvalid (20101): the access token was refused' };
          this.emit('error', error);
          reject(error);
        };
      });
    }
    updateToken(token) {
      this.token = token;
    }
    destroy() {
      this.events?.close();
      this.state = 'destroyed';
      this.emit('unregistered');
    }
  }

  window.Twilio = { Device, Call };
})();
