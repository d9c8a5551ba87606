// Offline use, in plain JavaScript: registers the service worker (sw.js, next to this file) once the
// page has loaded and the browser is idle, and tells the user when a new version of the app has been installed.
// Only where a service worker can work: served over http(s) from a secure context (HTTPS, or
// localhost); never from a file opened from disk. It touches no stored data.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
  var sw = navigator.serviceWorker;
  var meta = document.querySelector('meta[name="zrz-version"]');
  /** The version this page belongs to (written by scripts/make-sw.py, like sw.js's). */
  var pageVersion = meta ? meta.getAttribute('content') : '';
  var HOUR = 3600 * 1000;

  var TEXT = {
    zh: {
      updated: '已更新到新版本。',
      installed: '应用已更新到新版本，重新载入页面即可使用。您保存的数据不受影响。',
      reload: '重新载入',
      close: '知道了'
    },
    en: {
      updated: 'Updated to a new version.',
      installed: 'A new version of the app has been installed: reload the page to use it. Your saved data is not affected.',
      reload: 'Reload',
      close: 'OK'
    }
  };
  function text() { return /^en/.test(document.documentElement.lang) ? TEXT.en : TEXT.zh; }

  function status(worker) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { resolve(e.data || {}); };
      worker.postMessage({ type: 'status' }, [channel.port2]);
      setTimeout(function () { resolve({}); }, 3000);
    });
  }

  var box = null;
  function show(stale) {
    if (!document.body) {
      addEventListener('DOMContentLoaded', function () { show(stale); });
      return;
    }
    var t = text();
    if (box) box.remove();
    box = document.createElement('div');
    box.className = 'update-notice';
    box.setAttribute('role', 'status');
    box.setAttribute('data-testid', 'update-notice');
    var p = document.createElement('p');
    p.textContent = stale ? t.installed : t.updated;
    box.appendChild(p);
    var button = document.createElement('button');
    button.type = 'button';
    if (stale) {
      button.className = 'primary';
      button.textContent = t.reload;
      button.addEventListener('click', function () { location.reload(); });
    } else {
      button.textContent = t.close;
      button.addEventListener('click', function () {
        if (sw.controller) sw.controller.postMessage({ type: 'seen' });
        box.remove();
        box = null;
      });
    }
    box.appendChild(button);
    document.body.appendChild(box);
  }

  /** Shows the notice the version in use calls for: this page is older than it, or it is new. */
  function check() {
    var worker = sw.controller;
    if (!worker) return;
    status(worker).then(function (s) {
      if (!s.version) return;
      if (pageVersion && s.version !== pageVersion) {
        // Only a version that took over while this page was open is newer than the page; at load,
        // the page came from the server ahead of its worker, which is being installed now.
        if (changed) show(true);
      } else if (s.updated) {
        show(false);
      }
    });
  }

  var changed = false;
  sw.addEventListener('controllerchange', function () {
    // A version took over: the first one on a first visit (same version as the page, nothing to
    // tell), or a new one.
    changed = true;
    check();
  });

  // Registered only once the page has loaded and the browser is idle (the app started): installing
  // the worker downloads every file of both pages (the full app's too), which must not compete with
  // the first page's own download and start-up.
  function whenIdle(fn) {
    if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 10000 });
    else setTimeout(fn, 3000);
  }

  addEventListener('load', function () {
    whenIdle(register);
    check();
  });

  function register() {
    sw.register('sw.js').then(function (registration) {
      // A page left open for days still learns of a new version.
      setInterval(function () { registration.update().catch(function () {}); }, HOUR);
    }).catch(function () {
      // No offline copy then (e.g. blocked by policy); the app works as it does without one.
    });
  }
})();
