// An LZMA decoder (the .lzma "alone" format that Python's lzma module and `xz --format=lzma`
// write), for the wasm: LZMA packs it about a fifth smaller than gzip, and no browser unpacks LZMA
// itself. scripts/post_build.py puts this file in front of each start-up script; the tests
// (tests/e2e/unlzma.spec.ts) run it in Node against the `xz` tool.
//
// It follows the LZMA specification's reference decoder (LzmaSpec.cpp in the LZMA SDK): a range
// decoder over adaptive bit probabilities, literals, matches and the four repeated distances. The
// whole output is the dictionary, so a distance is checked against what has been written so far.
// Numbers stay below 2^32 as plain doubles: `range` and `code` are never negative.
//
// LZMA has no checksum. A stream whose header states its size (as post_build.py writes them) must
// end with the end marker exactly there, with the range coder at rest and at the file's last byte;
// anything else throws, so that damage is found instead of handed on as a wasm.
function zrzUnlzma(src) {
  'use strict';
  function fail(why) { throw new Error('LZMA: ' + why); }
  if (src.length < 18) fail('file too short');
  var props = src[0];
  if (props >= 225) fail('bad properties');
  var lc = props % 9, lp = ((props / 9) | 0) % 5, pb = (props / 45) | 0;
  // Bytes 5..12: the unpacked size, or all 0xff when the stream ends with a marker instead.
  var known = false, size = 0;
  for (var i = 12; i >= 5; i--) { if (src[i] !== 0xff) known = true; size = size * 256 + src[i]; }
  var out = new Uint8Array(known ? size : Math.max(src.length * 4, 1024));
  var outPos = 0;
  var pos = 13;
  if (src[pos++] !== 0) fail('bad range coder start');
  var range = 0xffffffff, code = 0;
  for (i = 0; i < 4; i++) code = code * 256 + src[pos++];
  if (code === range) fail('bad range coder start');

  function probs(n) { var p = new Uint16Array(n); p.fill(1024); return p; }
  function bit(p, i) {
    var prob = p[i], bound = (range >>> 11) * prob, b;
    if (code < bound) { range = bound; p[i] = prob + ((2048 - prob) >>> 5); b = 0; }
    else { range -= bound; code -= bound; p[i] = prob - (prob >>> 5); b = 1; }
    if (range < 16777216) {
      if (pos >= src.length) fail('file truncated');
      range *= 256; code = code * 256 + src[pos++];
    }
    return b;
  }
  function tree(p, base, bits) {
    var m = 1;
    for (var k = 0; k < bits; k++) m = (m << 1) + bit(p, base + m);
    return m - (1 << bits);
  }
  function reverseTree(p, base, bits) {
    var m = 1, sym = 0;
    for (var k = 0; k < bits; k++) { var b = bit(p, base + m); m = (m << 1) + b; sym |= b << k; }
    return sym;
  }
  function direct(bits) {
    var res = 0;
    for (var k = 0; k < bits; k++) {
      range = range >>> 1;
      if (code >= range) { code -= range; res = res * 2 + 1; } else res = res * 2;
      if (range < 16777216) {
        if (pos >= src.length) fail('file truncated');
        range *= 256; code = code * 256 + src[pos++];
      }
    }
    return res;
  }
  // A length coder: choice bits, then 8 low, 8 middle or 256 high lengths (per position state).
  function lengthCoder() { return { choice: probs(2), low: probs(16 << 3), mid: probs(16 << 3), high: probs(256) }; }
  function length(c, posState) {
    if (bit(c.choice, 0) === 0) return tree(c.low, posState << 3, 3);
    if (bit(c.choice, 1) === 0) return 8 + tree(c.mid, posState << 3, 3);
    return 16 + tree(c.high, 0, 8);
  }

  var literal = probs(0x300 << (lc + lp));
  var isMatch = probs(12 << 4), isRep = probs(12), isRepG0 = probs(12), isRepG1 = probs(12);
  var isRepG2 = probs(12), isRep0Long = probs(12 << 4);
  var posSlot = probs(4 << 6), posSpecial = probs(1 + 128 - 14), align = probs(16);
  var lenCoder = lengthCoder(), repLenCoder = lengthCoder();
  var pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  var state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;

  function put(b) {
    if (outPos === out.length) {
      if (known) fail('more data than its stated size');
      var grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[outPos++] = b;
  }

  for (;;) {
    var posState = outPos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      var prev = outPos > 0 ? out[outPos - 1] : 0;
      var base = 0x300 * (((outPos & lpMask) << lc) + (prev >>> (8 - lc)));
      var sym = 1;
      if (state >= 7) {
        if (rep0 >= outPos) fail('distance beyond the data');
        var matchByte = out[outPos - rep0 - 1];
        do {
          var matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          var b = bit(literal, base + ((1 + matchBit) << 8) + sym);
          sym = (sym << 1) | b;
          if (matchBit !== b) break;
        } while (sym < 0x100);
      }
      while (sym < 0x100) sym = (sym << 1) | bit(literal, base + sym);
      put(sym - 0x100);
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    var len;
    if (bit(isRep, state) !== 0) {
      if (outPos === 0) fail('a repeat before any data');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          put(out[outPos - rep0 - 1]);
          continue;
        }
      } else {
        var dist;
        if (bit(isRepG1, state) === 0) dist = rep1;
        else {
          if (bit(isRepG2, state) === 0) dist = rep2;
          else { dist = rep3; rep3 = rep2; }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLenCoder, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      len = length(lenCoder, posState);
      state = state < 7 ? 7 : 10;
      var slot = tree(posSlot, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) rep0 = slot;
      else {
        var direct_bits = (slot >>> 1) - 1;
        var d = (2 | (slot & 1)) * Math.pow(2, direct_bits);
        if (slot < 14) d += reverseTree(posSpecial, d - slot, direct_bits);
        else d += direct(direct_bits - 4) * 16 + reverseTree(align, 0, 4);
        rep0 = d;
      }
      if (rep0 === 0xffffffff) {
        // The end marker: the stream must end here, with the range coder at rest.
        if (code !== 0) fail('damaged (the range coder does not end at rest)');
        if (known && outPos !== size) fail('shorter than its stated size');
        if (pos !== src.length) fail('data after the end of the stream');
        break;
      }
      if (rep0 >= outPos) fail('distance beyond the data');
    }
    len += 2;
    if (known && outPos + len > size) fail('more data than its stated size');
    var from = outPos - rep0 - 1;
    for (var n = 0; n < len; n++) put(out[from + n]);
  }
  return out.subarray(0, outPos);
}
