import { PHONE_RATE, wavOf } from './wav.ts';

/** A take from the microphone, as the provider will play it. */
export type Take = { wav: Uint8Array<ArrayBuffer>; seconds: number; samples: Float32Array };

/** A recording in progress: stop it for the take. */
export type Recording = { stop: () => Promise<Take>; cancel: () => void };

/**
 * Records from the microphone until stopped. The browser records in its own format (WebM/Opus
 * in Chromium, which a provider does not play); the take is decoded by the browser and mixed to
 * mono at telephone rate, then written as a WAV.
 */
export async function recordMicrophone(): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
  });
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const release = () => {
    for (const track of stream.getTracks()) track.stop();
  };
  recorder.start(250);
  return {
    cancel: () => {
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
    stop: () =>
      new Promise<Take>((resolve, reject) => {
        recorder.onstop = () => {
          release();
          toTake(new Blob(chunks, { type: recorder.mimeType })).then(resolve, reject);
        };
        recorder.stop();
      }),
  };
}

/** A file or a recording the browser can decode, as a telephone-rate mono WAV. */
export async function toTake(blob: Blob): Promise<Take> {
  const context = new AudioContext();
  let decoded: AudioBuffer;
  try {
    decoded = await context.decodeAudioData(await blob.arrayBuffer());
  } finally {
    void context.close();
  }
  const length = Math.max(1, Math.ceil(decoded.duration * PHONE_RATE));
  const offline = new OfflineAudioContext(1, length, PHONE_RATE);
  const source = offline.createBufferSource();
  source.buffer = decoded;
  source.connect(offline.destination);
  source.start();
  const mono = await offline.startRendering();
  const samples = mono.getChannelData(0);
  return { wav: wavOf(samples, PHONE_RATE), seconds: samples.length / PHONE_RATE, samples };
}
