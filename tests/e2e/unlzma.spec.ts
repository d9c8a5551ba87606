// The wasm's LZMA decoder (scripts/unlzma.js), in Node against liblzma's encoder (Python's lzma
// module, the library of `xz`): every setting and kind of input unpacks to its bytes, and a damaged
// file throws instead of handing on something else. No browser: the pages' use of it is
// deploy.spec's and startup.spec's.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { distDir } from './reach';

const source = readFileSync(join(__dirname, '../../scripts/unlzma.js'), 'utf8');
const unlzma: (src: Uint8Array) => Uint8Array = runInNewContext(`${source}; zrzUnlzma`, { Uint8Array, Uint16Array, Math, Error });

/** `data` packed by liblzma in the .lzma format with the given settings; `sized` states the size
 * in the header as post_build.py does (the end marker stays). */
function pack(data: Buffer, o: { lc?: number; lp?: number; pb?: number; preset?: string; sized?: boolean } = {}): Buffer {
  const script = `
import lzma, struct, sys
data = sys.stdin.buffer.read()
f = [{"id": lzma.FILTER_LZMA1, "preset": ${o.preset ?? '9 | lzma.PRESET_EXTREME'}, "lc": ${o.lc ?? 3}, "lp": ${o.lp ?? 0}, "pb": ${o.pb ?? 2}}]
out = bytearray(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=f))
if ${o.sized ? 'True' : 'False'}: out[5:13] = struct.pack("<Q", len(data))
sys.stdout.buffer.write(out)`;
  return execFileSync('python3', ['-c', script], { input: data, maxBuffer: 1 << 28 });
}

/** Deterministic pseudo-random bytes (xorshift), `alphabet` wide: small alphabets make long matches. */
function bytes(n: number, seed: number, alphabet = 256): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x % alphabet;
  }
  return out;
}

const plan = readFileSync(join(__dirname, '../../../shared/seed/000_9840c9ec60834366.txt'));
const inputs: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['one byte', Buffer.from([0x2a])],
  ['the plan (Chinese text)', plan],
  ['random bytes', bytes(70_000, 7)],
  ['a small alphabet (long and repeated matches)', bytes(200_000, 11, 3)],
  ['one byte repeated (the longest lengths)', Buffer.alloc(100_000, 0x61)],
  ['far repeats (distances past the position models)', Buffer.concat([bytes(40_000, 3), bytes(300_000, 5, 2), bytes(40_000, 3)])],
];

for (const [name, data] of inputs) {
  test(`unpacks ${name} to its bytes, with the size stated or not`, () => {
    for (const sized of [false, true]) {
      expect(Buffer.from(unlzma(pack(data, { sized }))).equals(data), `sized: ${sized}`).toBe(true);
    }
  });
}

test('unpacks every literal and position setting, and a fast preset', () => {
  const data = Buffer.concat([plan, bytes(30_000, 9, 16), plan]);
  for (const [lc, lp, pb] of [[0, 0, 0], [3, 0, 0], [4, 0, 0], [0, 4, 4], [1, 3, 1], [2, 2, 3], [3, 1, 2]]) {
    expect(Buffer.from(unlzma(pack(data, { lc, lp, pb, sized: true }))).equals(data), `lc ${lc} lp ${lp} pb ${pb}`).toBe(true);
  }
  expect(Buffer.from(unlzma(pack(data, { preset: '0' }))).equals(data), 'preset 0').toBe(true);
});

test('unpacks the build\'s own .lzma files to the wasm beside them', () => {
  const packed = readdirSync(distDir()).filter((n) => n.endsWith('_bg.wasm.lzma'));
  expect(packed.length, 'index.html\'s, full.html\'s and the reader worker\'s').toBe(3);
  for (const name of packed) {
    const wasm = readFileSync(join(distDir(), name.slice(0, -'.lzma'.length)));
    expect(Buffer.from(unlzma(readFileSync(join(distDir(), name)))).equals(wasm), name).toBe(true);
  }
});

test('a damaged file throws: truncated, with bytes after it, with a wrong size, or changed', () => {
  const data = Buffer.concat([plan, bytes(20_000, 13, 8)]);
  const good = pack(data, { sized: true });
  const damaged: [string, Buffer][] = [
    ['too short for a header', good.subarray(0, 10)],
    ['bad properties', Buffer.concat([Buffer.from([225]), good.subarray(1)])],
    ['truncated', good.subarray(0, good.length - 7)],
    ['truncated by one byte', good.subarray(0, good.length - 1)],
    ['a byte after the stream', Buffer.concat([good, Buffer.from([0])])],
  ];
  const size = (n: number) => { const b = Buffer.from(good); b.writeBigUInt64LE(BigInt(n), 5); return b; };
  damaged.push(['its size stated one too small', size(data.length - 1)], ['its size stated one too large', size(data.length + 1)]);
  for (const [what, file] of damaged) expect(() => unlzma(file), what).toThrow(/^LZMA: /);
  // A changed byte anywhere in the stream: found (LZMA has no checksum; the size, the end marker
  // and the coder's final state are the check). Every 97th byte, each flipped one way.
  let missed = 0;
  for (let i = 13; i < good.length; i += 97) {
    const file = Buffer.from(good);
    file[i] ^= 0x10;
    try {
      const out = unlzma(file);
      if (!Buffer.from(out).equals(data)) missed += 1;
    } catch (e) {
      expect(String(e)).toMatch(/LZMA: /);
    }
  }
  expect(missed, 'changed bytes unpacked to other bytes without an error').toBe(0);
});
