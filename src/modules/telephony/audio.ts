/**
 * What a recorded message's bytes are: a WAV (RIFF/WAVE, its length from the format and data
 * chunks) or an MP3 (its length from the first frame's bitrate), the two a provider plays at the
 * beep. Pure: bytes in, a kind and a length out, or why not.
 */
export type AudioInfo =
  | { ok: true; contentType: 'audio/wav' | 'audio/mpeg'; seconds: number }
  | { ok: false; reason: string };

const MP3_BITRATES: Record<string, number[]> = {
  // MPEG-1 Layer III, then MPEG-2/2.5 Layer III, in kbit/s by index.
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

export function readAudio(bytes: Buffer): AudioInfo {
  if (bytes.length < 16) return { ok: false, reason: 'too short to be audio' };
  if (bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WAVE')
    return readWav(bytes);
  return readMp3(bytes);
}

function readWav(bytes: Buffer): AudioInfo {
  let at = 12;
  let byteRate = 0;
  let format = 0;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      format = bytes.readUInt16LE(body);
      byteRate = bytes.readUInt32LE(body + 8);
    }
    if (id === 'data') {
      if (byteRate === 0) return { ok: false, reason: 'a WAV without a format chunk before its data' };
      // A header written while streaming may say more than the file holds: what is there counts.
      const length = Math.min(size, bytes.length - body);
      if (![1, 3, 6, 7].includes(format))
        return { ok: false, reason: `a WAV in an encoding the provider does not play (format ${format})` };
      return { ok: true, contentType: 'audio/wav', seconds: length / byteRate };
    }
    at = body + size + (size % 2);
  }
  return { ok: false, reason: 'a WAV without audio data' };
}

function readMp3(bytes: Buffer): AudioInfo {
  let at = 0;
  if (bytes.toString('ascii', 0, 3) === 'ID3') {
    // ID3v2: a 10-byte header and a size of four 7-bit bytes.
    const size =
      ((bytes[6]! & 0x7f) << 21) |
      ((bytes[7]! & 0x7f) << 14) |
      ((bytes[8]! & 0x7f) << 7) |
      (bytes[9]! & 0x7f);
    at = 10 + size;
  }
  while (at + 4 <= bytes.length && !(bytes[at] === 0xff && (bytes[at + 1]! & 0xe0) === 0xe0)) at++;
  if (at + 4 > bytes.length) return { ok: false, reason: 'neither a WAV nor an MP3' };
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  const version = (b1 >> 3) & 0b11; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (b1 >> 1) & 0b11; // 1: Layer III
  const rate = MP3_BITRATES[version === 3 ? 'v1' : 'v2']![(b2 >> 4) & 0x0f] ?? 0;
  if (version === 1 || layer !== 1 || rate === 0)
    return { ok: false, reason: 'an MPEG stream that is not a constant-bitrate MP3 (Layer III)' };
  return { ok: true, contentType: 'audio/mpeg', seconds: ((bytes.length - at) * 8) / (rate * 1000) };
}
