import { describe, expect, it } from 'vitest';
import { toneWav } from '../../../test/support/wav.ts';
import { readAudio } from './audio.ts';

describe('readAudio: what a recorded message is and how long it plays', () => {
  it('reads a WAV’s length from its format and data chunks', () => {
    expect(readAudio(toneWav(12.5))).toEqual({ ok: true, contentType: 'audio/wav', seconds: 12.5 });
    expect(readAudio(toneWav(3, { rate: 16_000 }))).toMatchObject({ seconds: 3 });
  });

  it('reads a constant-bitrate MP3’s length from its first frame, after an ID3 tag', () => {
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 0xFF 0xFB 0x90; 16 kB of frames ≈ 1 s.
    const tag = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10, ...Array(10).fill(0)]);
    const frames = Buffer.alloc(16_000);
    frames[0] = 0xff;
    frames[1] = 0xfb;
    frames[2] = 0x90;
    const info = readAudio(Buffer.concat([tag, frames]));
    expect(info).toEqual({ ok: true, contentType: 'audio/mpeg', seconds: 1 });
  });

  it('says why what it is given is not playable audio', () => {
    expect(readAudio(Buffer.from('this is plainly some text, not audio at all'))).toEqual({
      ok: false,
      reason: 'neither a WAV nor an MP3',
    });
    const adpcm = toneWav(2);
    adpcm.writeUInt16LE(0x11, 20);
    expect(readAudio(adpcm)).toMatchObject({ ok: false, reason: expect.stringContaining('format 17') });
    expect(readAudio(Buffer.alloc(4))).toMatchObject({ ok: false });
  });
});
