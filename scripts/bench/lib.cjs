// Shared plumbing of the benchmark harness: the Chromium flags and launcher, static servers,
// compression sizes, statistics, the machine's description, and cleanup of everything started.
// Everything that starts a process or a browser registers it here, so that an error, Ctrl-C or a
// kill leaves no server or browser behind.
//
// gzip9, brotli11 and quantile are adapted from the peers' measure/browser-metrics.cjs
// (shared/peers/measure), so the byte counts are comparable with the figures in its README.
'use strict';
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const zlib = require('zlib');
const { spawn, spawnSync, execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google, which this machine's
// closed network refuses. Playwright adds --headless itself; Lighthouse gets the whole list.
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PLAYWRIGHT_CORE = process.env.PLAYWRIGHT_CORE || path.join(ROOT, 'node_modules', 'playwright-core');

// ---- cleanup ---------------------------------------------------------------------------------
const children = new Set(); // process-group leaders we started
const tempDirs = new Set();
const browsers = new Set(); // open Playwright contexts: closed before their profiles are removed

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
}

function cleanup() {
  for (const child of children) killGroup(child);
  children.clear();
  for (const dir of [...tempDirs]) removeTempDir(dir);
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    // Browsers first (at most 5 s), so that their profiles can be removed.
    await Promise.race([Promise.allSettled([...browsers].map((c) => c.close())), new Promise((r) => setTimeout(r, 5000))]);
    cleanup();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** Starts `cmd` in a process group of its own (so its children die with it); tracked for cleanup. */
function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stop(child) {
  killGroup(child);
  children.delete(child);
}

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes `dir`; if a browser is still writing to it, leaves it for cleanup() at exit. */
function removeTempDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    tempDirs.delete(dir);
  } catch { /* retried by cleanup() */ }
}

// ---- servers ---------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForPort(port, child, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`server on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Serves `dir` on a free port: `plain` is `python3 -m http.server`, `gzip` the peers'
 * measure/serve_gzip.py (gzip -9 Content-Encoding). Returns { kind, url, stop }.
 */
async function serve(kind, dir, peersDir) {
  const port = await freePort();
  const args = kind === 'plain'
    ? ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir]
    : [path.join(peersDir, 'measure', 'serve_gzip.py'), String(port), dir];
  // No pipe for its request log: nobody reads it, and a full pipe would block the server.
  const child = start('python3', args, { stdio: 'ignore' });
  await waitForPort(port, child);
  return { kind, url: `http://127.0.0.1:${port}/`, stop: () => stop(child) };
}

// ---- browser ---------------------------------------------------------------------------------
/**
 * Runs `fn(context)` in a fresh headless Chromium with a fresh --user-data-dir, and always closes
 * the browser and removes the profile afterwards. A watchdog closes the browser (failing whatever
 * `fn` awaits) after `timeoutMs`: a stalled page must not hang the whole benchmark.
 */
async function withBrowser(fn, { timeoutMs = 10 * 60000, ...options } = {}) {
  const { chromium } = require(PLAYWRIGHT_CORE);
  const profile = tempDir('zrz-bench-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    args: CHROME_FLAGS.filter((f) => f !== '--headless'),
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
    ...options,
  });
  browsers.add(context);
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`browser session stopped after ${timeoutMs / 1000} s`));
      context.close().catch(() => {});
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(context), watchdog]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
    browsers.delete(context);
    removeTempDir(profile);
  }
}

// ---- numbers ---------------------------------------------------------------------------------
function gzip9(buf) {
  // The real `gzip -9 -n`, as docs/size.md uses; zlib level 9 where gzip is missing.
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: buf, maxBuffer: 1 << 30 });
  if (r.status === 0) return r.stdout.length;
  return zlib.gzipSync(buf, { level: 9 }).length;
}

function brotli11(buf) {
  // Same library and defaults as the `brotli` CLI: quality 11, window 24.
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

const numbers = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x));

/** Nearest-rank quantile; null for no numbers. */
function quantile(xs, q) {
  const s = numbers(xs).sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Median (mean of the middle two for an even count); null for no numbers. */
function median(xs) {
  const s = numbers(xs).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- the machine -----------------------------------------------------------------------------
function machine() {
  const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; } };
  const osRelease = fs.existsSync('/etc/os-release')
    ? (fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m) || [])[1]
    : null;
  return {
    date: new Date().toISOString(),
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    dirty: sh('git', ['-C', ROOT, 'status', '--porcelain']) !== '',
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${osRelease || os.type()} (${os.release()})`,
    chromium: sh(CHROME, ['--version']).split('\n').pop(),
    node: process.version,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

module.exports = {
  ROOT, CHROME, CHROME_FLAGS, start, stop, tempDir, removeTempDir, cleanup, serve, withBrowser,
  gzip9, brotli11, quantile, median, machine,
};
