// The wasm's LZMA decoder, crates/unlzma, built to a module of its own and embedded below, as
// base64, by scripts/unlzma_build.py. The pages' start-up scripts, the reader worker's loader shim
// and the one-file build each carry it and run it in their own thread; the server check page loads
// it as unlzma.js.
//
// zrzUnlzmaPieces(packed, onPiece) → Promise<size>: unpacks `packed` (Uint8Array) a piece at a time,
// calling onPiece(Uint8Array) with each (a copy of its own, so it can be handed on), and resolves
// once the stream has ended as it must (its stated size, its end marker, its last byte), or rejects
// with an Error "LZMA: …". Pieces let the caller compile the wasm while the rest is unpacked, and
// let the engine's optimising tier take over the decoder between them.

// The decoder is compiled as soon as this script runs, while the .lzma is still on its way.
var zrzUnlzmaModule = (function () {
  var text = atob('__ZRZ_UNLZMA_WASM__');
  var code = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) code[i] = text.charCodeAt(i);
  return WebAssembly.compile(code);
})();

function zrzUnlzmaPieces(packed, onPiece) {
  'use strict';
  // 16 KB: small enough that the optimised decoder takes over after the first few pieces (a wasm
  // call runs to its end in the tier it started in), large enough to cost little in messages.
  var PIECE = 16384;
  return zrzUnlzmaModule.then(function (module) { return WebAssembly.instantiate(module); }).then(function (instance) {
    var e = instance.exports;
    // The codes are crates/unlzma's `Error`: every one means a damaged file or not one of ours.
    function check(n) {
      if (n < 0) throw new Error('LZMA: damaged or not written by the build (error ' + -n + ')');
      return n;
    }
    var at = e.zrz_input(packed.length);
    if (!at) throw new Error('LZMA: no memory for ' + packed.length + ' bytes');
    new Uint8Array(e.memory.buffer, at, packed.length).set(packed);
    var size = check(e.zrz_begin());
    var out = e.zrz_output();
    var done = 0;
    var since = Date.now();
    // A piece at a time; every 8 ms or so the thread is given back (a message to itself: at once,
    // unlike a timer), so that no long task holds a page.
    function more() {
      for (;;) {
        // About PIECE bytes more: of the stream, then of the wasm joined from it (crates/unlzma's
        // split files: none of the code is ready until every stream of it is unpacked).
        var now = check(e.zrz_step(PIECE));
        if (now > done) onPiece(new Uint8Array(e.memory.buffer, out + done, now - done).slice());
        done = now;
        if (done >= size) return Promise.resolve(size);
        if (Date.now() - since > 8) {
          return new Promise(function (resolve, reject) {
            var channel = new MessageChannel();
            channel.port1.onmessage = function () {
              channel.port1.close();
              since = Date.now();
              try { resolve(more()); } catch (e) { reject(e); }
            };
            channel.port2.postMessage(0);
          });
        }
      }
    }
    return more();
  });
}

/** The whole of `packed`, unpacked: Promise<Uint8Array>. */
function zrzUnlzma(packed) {
  'use strict';
  var pieces = [];
  return zrzUnlzmaPieces(packed, function (p) { pieces.push(p); }).then(function (size) {
    var whole = new Uint8Array(size);
    var at = 0;
    pieces.forEach(function (p) { whole.set(p, at); at += p.length; });
    return whole;
  });
}
