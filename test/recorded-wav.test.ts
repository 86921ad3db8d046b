import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudio } from '../src/modules/telephony/audio.ts';
import { base64Of, PHONE_RATE, peakDb, wavOf } from '../web/src/audio/wav.ts';

describe('a recorded message made in the browser', () => {
  it('is a WAV the provider plays, as long as the samples, read back sample for sample', () => {
    const samples = Float32Array.from(
      { length: PHONE_RATE * 3 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / PHONE_RATE),
    );
    const bytes = wavOf(samples, PHONE_RATE);
    expect(readAudio(Buffer.from(bytes))).toEqual({ ok: true, contentType: 'audio/wav', seconds: 3 });
    const view = new DataView(bytes.buffer);
    for (const i of [0, 10, 17, 9_000])
      expect(view.getInt16(44 + 2 * i, true)).toBe(
        Math.trunc(samples[i]! * (samples[i]! < 0 ? 0x8000 : 0x7fff)),
      );
    expect(peakDb(samples)).toBeCloseTo(20 * Math.log10(0.5), 1);
    expect(peakDb(new Float32Array(100))).toBe(Number.NEGATIVE_INFINITY);
  });

  it('is read by sox as 8 kHz mono 16-bit, and its base64 is the bytes', () => {
    const samples = Float32Array.from({ length: 800 }, (_, i) => (i % 2 ? 0.25 : -0.25));
    const bytes = wavOf(samples, PHONE_RATE);
    const b64 = base64Of(bytes);
    expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes))).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'reach-wav-')), 'take.wav');
    writeFileSync(file, bytes);
    const info = execFileSync('sox', ['--i', file]).toString();
    expect(info).toMatch(/Channels\s*: 1/);
    expect(info).toMatch(/Sample Rate\s*: 8000/);
    expect(info).toMatch(/Precision\s*: 16-bit/);
    expect(info).toMatch(/Duration\s*: 00:00:00.10/);
  });
});
