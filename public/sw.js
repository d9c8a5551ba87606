// Service worker: keeps both pages (index.html, full.html) and every file they load in a cache of
// their own, so the app opens and works when the server cannot be reached.
//
// This file is a template: scripts/make-sw.py writes dist/sw.js from it, filling in the build's
// version (a hash of every cached file) and the list of files. A new build is a new version, hence
// a changed sw.js, which the browser installs next to the old one on the next visit.
//
// - The two pages and the other files without a hash in their name (boot.js, icons …): network
//   first, so that a new version is seen on the next visit; the cached copy when the server does not
//   answer (in a few seconds) or answers with an error.
// - trunk's hashed files (name-<hash>.js/.wasm/.css): cache first; a name never changes content.
// - Anything else (other folders, other origins, POST): not touched, the browser fetches it.
// It never reads or writes the app's data: localStorage and IndexedDB are not reachable from here,
// and it deletes only caches it made itself, for this folder.
'use strict';

var VERSION = '__ZRZ_VERSION__';
/** Paths relative to this file's folder. */
var FILES = __ZRZ_FILES__;
/** Cached once fetched, not at install: a page's wasm whose .lzma the page fetches instead (the wasm
 * itself only where the .lzma cannot be fetched or unpacked). */
var LATER = __ZRZ_LATER__;

var SCOPE = self.registration.scope; // e.g. http://host/tools/zrz/
// Caches belong to the origin, not the folder: a second copy of the app elsewhere on the same host
// keeps caches of its own.
var PREFIX = 'zrz|' + new URL(SCOPE).pathname + '|';
var CACHE = PREFIX + VERSION;
/** Written by a version that replaced another one; read and cleared by the page (offline.js). */
var UPDATED = SCOPE + '.zrz-updated';
var HASHED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|wasm\.lzma|css)$/;
/** How long a page waits for the server before the cached copy is used. */
var NETWORK_TIMEOUT_MS = 4000;
/** After the server failed to answer, the next requests go to the cache straight away for a while. */
var OFFLINE_GRACE_MS = 30000;
var offlineUntil = 0;

var known = {};
FILES.forEach(function (f) { known[f] = true; });
var later = {};
LATER.forEach(function (f) { later[f] = true; });

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // A missing file fails the whole install: the version in use stays until the next try.
    return cache.addAll(FILES.map(function (f) {
      return new Request(SCOPE + f, { cache: HASHED.test(f) ? 'default' : 'no-cache' });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var older = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
    var note = older.length === 0 ? Promise.resolve() : caches.open(CACHE).then(function (cache) {
      return cache.match(UPDATED).then(function (already) {
        // Two updates before the page noticed the first: the notice is still due.
        if (already) return undefined;
        var body = JSON.stringify({ from: older.map(function (n) { return n.slice(PREFIX.length); }), to: VERSION });
        return cache.put(UPDATED, new Response(body, { headers: { 'Content-Type': 'application/json' } }));
      });
    });
    return note
      .then(function () { return Promise.all(older.map(function (n) { return caches.delete(n); })); })
      .then(function () { return self.clients.claim(); });
  }));
});

/** The path inside the app's folder, '' for the folder itself; null outside it. */
function relative(url) {
  if (url.indexOf(SCOPE) !== 0) return null;
  try {
    return decodeURIComponent(url.slice(SCOPE.length).split('#')[0].split('?')[0]);
  } catch (e) {
    return null;
  }
}

function fromCache(path) {
  return caches.open(CACHE).then(function (cache) { return cache.match(SCOPE + path, { ignoreVary: true }); });
}

function networkFirst(request, path) {
  var network = Date.now() < offlineUntil ? Promise.reject(new Error('offline')) : fetch(request);
  network.catch(function () { offlineUntil = Date.now() + OFFLINE_GRACE_MS; });
  var timer;
  var timeout = new Promise(function (resolve, reject) {
    timer = setTimeout(function () {
      offlineUntil = Date.now() + OFFLINE_GRACE_MS;
      reject(new Error('timeout'));
    }, NETWORK_TIMEOUT_MS);
  });
  return Promise.race([network, timeout]).then(function (response) {
    clearTimeout(timer);
    offlineUntil = 0;
    if (response.ok || response.type === 'opaqueredirect') return response;
    // The server is there but fails (500, or 404 while a new version is being copied).
    return fromCache(path).then(function (hit) { return hit || response; });
  }, function () {
    clearTimeout(timer);
    return fromCache(path).then(function (hit) { return hit || network; });
  });
}

function cacheFirst(request, path) {
  return fromCache(path).then(function (hit) { return hit || fetch(request); });
}

/** A file of LATER: from the cache, else from the server and kept for the next time offline. */
function cacheOnceFetched(request, path) {
  return fromCache(path).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (!response.ok) return response;
      var copy = response.clone();
      return caches.open(CACHE).then(function (cache) { return cache.put(SCOPE + path, copy); })
        .then(function () { return response; }, function () { return response; });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var path = relative(request.url);
  if (path === null) return;
  if (path === '') path = 'index.html';
  if (later[path]) return event.respondWith(cacheOnceFetched(request, path));
  if (!known[path]) return;
  event.respondWith(HASHED.test(path) ? cacheFirst(request, path) : networkFirst(request, path));
});

// The page asks which version is in use and whether it replaced an older one (offline.js shows a
// notice then), and says when the user has seen that notice.
self.addEventListener('message', function (event) {
  var message = event.data || {};
  var port = event.ports && event.ports[0];
  if (message.type === 'status' && port) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return cache.match(UPDATED);
    }).then(function (hit) {
      return hit ? hit.json() : null;
    }).then(function (updated) {
      port.postMessage({ version: VERSION, updated: updated });
    }));
  } else if (message.type === 'seen') {
    event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.delete(UPDATED); }));
  }
});
