// The in-browser measurements of one target (the app or a peer), each in a fresh headless Chromium:
//   firstVisitBytes  bytes of every file a first visit fetches (raw, gzip -9, brotli 11);
//   session          seed a scale of data, then: navigation → items visible → usable, click → stored
//                    and keystroke → stored (median, p95, bytes written), stored bytes after seeding,
//                    and for the app after an export, a second import and an undo;
//   office           N department files received on the 汇总 page, against JSON.parse of the same bytes.
// Targets are described by scripts/bench/targets.*.json (selectors, steps, where answers are stored).
//
// The app is seeded by writing the generator's per-record keys (bench_data --kind store: zrz3.meta and
// one zrz3.r.<kind>/<id> key per record, exactly what the app itself writes) into localStorage on a
// static page of the same origin, so that seeding a 10× year takes seconds and measures nothing of
// the app; its UI import of a backup is the re-import step after an export. The peers get their one
// localStorage key written directly.
'use strict';
const fs = require('fs');
const { withBrowser, gzip9, brotli11, quantile, median } = require('./lib.cjs');

const STEP_TIMEOUT = 120000; // a 10× import renders a preview of ~10,000 rows

// ---- in-page probes (run in the page, before its own scripts) ---------------------------------

// Times the first moment `count` items matching `sel` all have a layout box (what Playwright calls
// visible), and keeps every long task; wraps Storage.prototype.setItem to timestamp every write
// right after it returned (the moment the value is in localStorage). Adapted from the visibility
// probe of shared/peers/measure/browser-metrics.cjs.
function installProbes({ sel, count }) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const check = () => {
    if (window.__itemsVisibleAt !== undefined) return true;
    const els = document.querySelectorAll(sel);
    if (els.length < count) return false;
    for (let i = 0; i < count; i++) if (!visible(els[i])) return false;
    window.__itemsVisibleAt = performance.now();
    return true;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, attributes: true });
  const frame = () => { if (!check()) requestAnimationFrame(frame); else mo.disconnect(); };
  requestAnimationFrame(frame);

  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask' });

  const native = Storage.prototype.setItem;
  window.__writes = [];
  window.__wake = null;
  Storage.prototype.setItem = function setItem(key, value) {
    const result = native.call(this, key, value);
    window.__writes.push({ t: performance.now(), k: String(key), v: String(value) });
    if (window.__wake) window.__wake();
    return result;
  };
}

// Resolves once the items are visible and no long task has run for `quietMs`: "usable" is then the
// later of "items visible" and the end of the last long task.
async function waitUsable({ quietMs, timeoutMs }) {
  const t0 = performance.now();
  for (;;) {
    const now = performance.now();
    const visibleAt = window.__itemsVisibleAt;
    const lastEnd = window.__longTasks.reduce((m, [, end]) => Math.max(m, end), 0);
    if (visibleAt !== undefined && now - Math.max(visibleAt, lastEnd) >= quietMs) {
      return { visibleMs: visibleAt, usableMs: Math.max(visibleAt, lastEnd), longTasks: window.__longTasks.length };
    }
    if (now - t0 > timeoutMs) return { visibleMs: visibleAt ?? null, usableMs: null, longTasks: window.__longTasks.length };
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Clicks a status radio (or types one character into a note) of item after item, and times each
// from the event to the setItem that stored exactly the new value for that item (writes of other
// keys, or of the old value, do not count). Bytes written counts every setItem until the page
// settled (UTF-16: two bytes a character).
async function interact({ c, stored, kind, samples, timeoutMs }) {
  const items = [...document.querySelectorAll(c.items)];
  const idOf = (el) => {
    const v = el.getAttribute(c.itemId.attr);
    return c.itemId.strip && v.startsWith(c.itemId.strip) ? v.slice(c.itemId.strip.length) : v;
  };
  const fieldIn = (text, id, field) => {
    let o = JSON.parse(text);
    for (const seg of stored.path.split('/').filter(Boolean)) o = o == null ? o : o[seg.replace('{id}', id)];
    return o == null ? undefined : o[field];
  };
  const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  const storedAt = (key, accept) => new Promise((resolve, reject) => {
    let seen = 0;
    const timer = setTimeout(() => { window.__wake = null; reject(new Error(`not stored within ${timeoutMs} ms`)); }, timeoutMs);
    const scan = () => {
      const w = window.__writes;
      for (; seen < w.length; seen++) {
        if (w[seen].k === key && accept(w[seen].v)) {
          clearTimeout(timer);
          window.__wake = null;
          resolve(w[seen].t);
          return;
        }
      }
    };
    window.__wake = () => queueMicrotask(scan);
    scan();
  });
  const times = [];
  const written = [];
  for (let i = 0; i < samples; i++) {
    const item = items[i % items.length];
    const id = idOf(item);
    let act;
    let accept;
    if (kind === 'click') {
      const radios = item.querySelectorAll(c.radio);
      const options = c.radioChoices.map((k) => radios[k]);
      if (options.some((r) => !r)) throw new Error(`item ${id}: no radio ${c.radioChoices} matching ${c.radio}`);
      const radio = options.find((r) => !r.checked) || options[0];
      act = () => radio.click();
      accept = (v) => fieldIn(v, id, stored.status) === radio.value;
    } else {
      const input = item.querySelector(c.note);
      if (!input) throw new Error(`item ${id}: no note field matching ${c.note}`);
      const ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
      const next = input.value + ch;
      act = () => {
        input.value = next;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: ch }));
      };
      accept = (v) => fieldIn(v, id, stored.note) === next;
    }
    const key = stored.key.replace('{id}', id);
    window.__writes.length = 0;
    const t0 = performance.now();
    act();
    const t1 = await storedAt(key, accept);
    await settle();
    times.push(t1 - t0);
    written.push(window.__writes.reduce((n, w) => n + 2 * (w.k.length + w.v.length), 0));
    window.__writes.length = 0;
  }
  return { times, written };
}

function storageBytes() {
  const keys = {};
  let total = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    const bytes = 2 * (k.length + localStorage.getItem(k).length);
    keys[k] = bytes;
    total += bytes;
  }
  return { total, keys };
}

// ---- steps from the targets file ------------------------------------------------------------

function locate(page, loc) {
  if (loc.css) return page.locator(loc.css);
  if (loc.label) return page.getByLabel(loc.label, { exact: true });
  if (loc.role) return page.getByRole(loc.role, { name: loc.name, exact: true });
  if (loc.testId) return page.getByTestId(loc.testId);
  throw new Error(`unknown locator ${JSON.stringify(loc)}`);
}

// Runs `steps`; a waitFor fails at once when `problem` (the page's error message) shows instead.
async function runSteps(page, base, steps, file, problem) {
  const failed = problem ? locate(page, problem) : null;
  for (const step of steps) {
    const where = JSON.stringify(step);
    try {
      if (step.goto !== undefined) {
        await page.goto(base + step.goto);
      } else if (step.waitFor) {
        const l = locate(page, step.waitFor);
        const wanted = (step.text ? l.filter({ hasText: step.text }) : l).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        const refused = failed && failed.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT }).then(() => 'refused', () => new Promise(() => {}));
        if ((await Promise.race(refused ? [wanted, refused] : [wanted])) === 'refused') throw new Error('the page showed an error');
      } else if (step.click) {
        await locate(page, step.click).click({ timeout: STEP_TIMEOUT });
      } else if (step.check) {
        await locate(page, step.check).check({ timeout: STEP_TIMEOUT });
      } else if (step.upload) {
        await locate(page, step.upload).setInputFiles(file, { timeout: STEP_TIMEOUT });
      } else if (step.clickIf) {
        const l = locate(page, step.clickIf);
        if (await l.waitFor({ state: 'visible', timeout: step.timeout }).then(() => true, () => false)) await l.click();
      } else if (step.download) {
        await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT }), locate(page, step.download).click()]);
      } else {
        throw new Error('unknown step');
      }
    } catch (e) {
      const says = failed ? await failed.allTextContents().catch(() => []) : [];
      throw new Error(`step ${where} failed: ${e.message.split('\n')[0]}${says.length ? `; the page says: ${says.join(' / ')}` : ''}`);
    }
  }
}

// A peer's stored value: the backup's answers, in order, on the peer's items.
async function seedPeerStorage(page, target, backup, statusOf) {
  const c = target.checklist;
  await page.waitForSelector(c.items);
  const ids = await page.$$eval(c.items, (els, attr) => els.map((el) => el.getAttribute(attr)), c.itemId.attr);
  const answers = Object.values(backup.content.state.assessment.answers);
  const value = {};
  ids.forEach((id, i) => {
    const a = answers[i % answers.length];
    value[id] = { status: statusOf[a.response] || '', note: a.note };
  });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [target.seed.storage, JSON.stringify(value)]);
}

// ---- measurements -----------------------------------------------------------------------------

async function firstVisitBytes(target, base) {
  return withBrowser(async (context) => {
    const page = await context.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(base + target.firstPage);
    await locate(page, target.ready).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await page.waitForLoadState('networkidle');
    const files = [];
    for (const r of responses) {
      const url = r.url();
      if (!url.startsWith(base) || r.status() >= 300) continue;
      const body = await r.body().catch(() => null);
      if (!body) throw new Error(`first visit: no body for ${url}`);
      files.push({ file: url.slice(base.length) || '(page)', raw: body.length, gzip9: gzip9(body), brotli11: brotli11(body) });
    }
    const sum = (k) => files.reduce((n, f) => n + f[k], 0);
    // What a service worker then downloads in the background (the app's offline copy: both pages'
    // files), not counted above: the page's own responses only. Raw bytes of what it cached.
    const precache = await page.evaluate(async () => {
      if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
      const ready = await Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 30000))]);
      if (!ready) return null;
      const t0 = performance.now();
      let files = 0;
      let bytes = 0;
      for (let tries = 0; tries < 60; tries++) {
        files = 0;
        bytes = 0;
        for (const name of await caches.keys()) {
          const c = await caches.open(name);
          for (const req of await c.keys()) {
            const r = await c.match(req);
            bytes += (await r.arrayBuffer()).byteLength;
            files++;
          }
        }
        if (navigator.serviceWorker.controller || files > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      return { files, raw: bytes, readyAfterLoadMs: t0 - performance.getEntriesByType('navigation')[0].loadEventEnd };
    }).catch(() => null);
    return { files, total: { raw: sum('raw'), gzip9: sum('gzip9'), brotli11: sum('brotli11') }, precache };
  });
}

/**
 * One fresh browser for `target` at `scale` (0 = empty): seed, navigate to the checklist with a
 * cold HTTP cache, wait until usable, then (scale > 0) time clicks and keystrokes, then (app) the
 * stored bytes after an export, a second import of the same backup and an undo.
 */
async function session(target, base, { scale, backupPath, storePath, statusOf, samples }) {
  const c = target.checklist;
  const backup = JSON.parse(fs.readFileSync(backupPath, 'utf8'));
  return withBrowser(async (context) => {
    await context.addInitScript(installProbes, { sel: c.items, count: c.count });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const out = { scale, errors };
    const isApp = Array.isArray(target.seed);
    if (isApp && target.seedStore) {
      await page.goto(base + target.seedStore.page);
      const keys = { ...JSON.parse(fs.readFileSync(storePath, 'utf8')), ...(target.seedStore.also || {}) };
      await page.evaluate((entries) => {
        localStorage.clear();
        for (const [k, v] of entries) localStorage.setItem(k, v);
      }, Object.entries(keys));
      out.seededKeys = Object.keys(keys).length;
    } else if (isApp) {
      await runSteps(page, base, target.seed, backupPath, target.problem);
    } else {
      await page.goto(base + c.url);
      if (scale > 0) await seedPeerStorage(page, target, backup, statusOf);
    }
    out.stored = { seeded: await page.evaluate(storageBytes) };

    // Navigation with what was seeded, every file fetched again (cold HTTP cache, compiled wasm too).
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.goto(base + c.url);
    Object.assign(out, await page.evaluate(waitUsable, { quietMs: 500, timeoutMs: 60000 }));
    if (out.usableMs === null) throw new Error(`${target.name} ${scale}×: ${c.count} items of ${c.items} not visible and quiet within 60 s`);

    if (scale > 0) {
      for (const kind of ['click', 'key']) {
        const r = await page.evaluate(interact, { c, stored: target.stored, kind, samples, timeoutMs: 30000 });
        out[kind] = { n: r.times.length, medianMs: median(r.times), p95Ms: quantile(r.times, 0.95), maxMs: Math.max(...r.times), bytesWritten: median(r.written) };
      }
    }
    if (isApp && scale > 0) {
      for (const [label, steps] of [['exported', target.export], ['reimported', target.seed], ['undone', target.undo]]) {
        try {
          await runSteps(page, base, steps, backupPath, target.problem);
          out.stored[label] = await page.evaluate(storageBytes);
        } catch (e) {
          out.stored[label] = { error: e.message };
          break;
        }
      }
    }
    return out;
  });
}

/**
 * Receiving `counts` department files on the 汇总 page, each count in a fresh browser seeded with
 * `profilePath` (a record with only a profile: pages other than 导入导出 need the first-run setup),
 * against the browser's own JSON.parse of the same bytes (fetched first, then decoded and parsed in
 * a loop: the floor). Without the page (its `present` locator does not show), only the floor.
 */
async function office(target, base, { files, counts, dataUrl, profilePath }) {
  const o = target.office;
  const results = [];
  let present = false;
  for (const n of counts) {
    const chosen = files.slice(0, n);
    results.push(await withBrowser(async (context) => {
      const page = await context.newPage();
      // A fresh browser brought to the 汇总 page as the office (the department's seed otherwise).
      await runSteps(page, base, o.steps || target.seed, profilePath, target.problem);
      if (!o.steps) await page.goto(base + o.url);
      present = await locate(page, o.present).first().waitFor({ state: 'attached', timeout: 5000 }).then(() => true, () => false);
      const floorMs = await page.evaluate(async (urls) => {
        const buffers = [];
        for (const u of urls) buffers.push(await fetch(u, { signal: AbortSignal.timeout(60000) }).then((r) => r.arrayBuffer()));
        const t0 = performance.now();
        const decoder = new TextDecoder();
        for (const b of buffers) JSON.parse(decoder.decode(b));
        return performance.now() - t0;
      }, chosen.map((f) => dataUrl + f.name));
      const r = { files: n, bytes: chosen.reduce((sum, f) => sum + f.bytes, 0), floorMs, appMs: null };
      if (present) {
        await page.evaluate(() => {
          addEventListener('change', (e) => { if (e.target.type === 'file') window.__filesChosenAt = performance.now(); }, true);
        });
        await locate(page, o.upload).setInputFiles(chosen.map((f) => f.path));
        r.appMs = await page.evaluate(([sel, count, timeoutMs]) => new Promise((resolve) => {
          const t0 = performance.now();
          const tick = () => {
            if (document.querySelectorAll(sel).length >= count) resolve(performance.now() - window.__filesChosenAt);
            else if (performance.now() - t0 > timeoutMs) resolve(null);
            else requestAnimationFrame(tick);
          };
          tick();
        }), [o.rows, n, STEP_TIMEOUT]);
      }
      return r;
    }));
  }
  return { present, results };
}

module.exports = { firstVisitBytes, session, office };
