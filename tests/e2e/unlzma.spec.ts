// The wasm's LZMA decoder as built (scripts/unlzma.js with crates/unlzma's wasm inside: the pages'
// start-up scripts carry it, check.html loads it as dist/unlzma.js), run in Node: it unpacks the
// build's own .lzma files to the wasm beside them, a piece at a time, and rejects a damaged file
// instead of handing on bytes. The decoder's logic is tested natively (crates/unlzma/tests); the
// pages' use of it is deploy.spec's.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { distDir } from './reach';

type Decoder = {
  zrzUnlzma: (packed: Uint8Array) => Promise<Uint8Array>;
  zrzUnlzmaPieces: (packed: Uint8Array, onPiece: (p: Uint8Array) => void) => Promise<number>;
};

function decoder(): Decoder {
  const scope: Record<string, unknown> = { atob, Uint8Array, WebAssembly, Error, Date, Math, Promise, MessageChannel };
  runInNewContext(readFileSync(join(distDir(), 'unlzma.js'), 'utf8'), scope);
  return scope as unknown as Decoder;
}

const packedFiles = () => readdirSync(distDir()).filter((n) => n.endsWith('_bg.wasm.lzma'));

test('the decoder unpacks the build\'s own .lzma files to the wasm beside them, in pieces', async () => {
  const { zrzUnlzma, zrzUnlzmaPieces } = decoder();
  const packed = packedFiles();
  expect(packed.length, 'index.html\'s, full.html\'s and the reader worker\'s').toBe(3);
  for (const name of packed) {
    const wasm = readFileSync(join(distDir(), name.slice(0, -'.lzma'.length)));
    const file = new Uint8Array(readFileSync(join(distDir(), name)));
    expect(Buffer.from(await zrzUnlzma(file)).equals(wasm), name).toBe(true);
    const pieces: Uint8Array[] = [];
    expect(await zrzUnlzmaPieces(file, (p) => pieces.push(p)), `${name}: its size`).toBe(wasm.length);
    expect(pieces.length, `${name} comes in pieces`).toBeGreaterThan(10);
    expect(Buffer.concat(pieces).equals(wasm), `${name}, piece by piece`).toBe(true);
  }
});

test('a damaged file is rejected, never unpacked to other bytes', async () => {
  const { zrzUnlzma } = decoder();
  const good = readFileSync(join(distDir(), packedFiles().find((n) => n.startsWith('zrz-'))!));
  const flipped = (i: number) => { const b = Buffer.from(good); b[i] ^= 0x10; return b; };
  const damaged: [string, Buffer][] = [
    ['not LZMA at all', Buffer.from('<!DOCTYPE html><html>404 Not Found</html>')],
    ['too short for a header', good.subarray(0, 12)],
    ['truncated', good.subarray(0, good.length - 100)],
    ['a byte after the stream', Buffer.concat([good, Buffer.from([0])])],
    ['a byte changed early', flipped(1000)],
    ['a byte changed in the middle', flipped(good.length >> 1)],
    ['a byte changed near the end', flipped(good.length - 20)],
  ];
  for (const [what, file] of damaged) {
    await expect(zrzUnlzma(new Uint8Array(file)), what).rejects.toThrow(/^LZMA: /);
  }
});
