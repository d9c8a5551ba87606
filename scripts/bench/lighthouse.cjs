// One Lighthouse run (the npm package pinned in package.json, default mobile settings: simulated
// slow 4G and 4× CPU slowdown) on a URL, in a fresh headless Chromium with a fresh --user-data-dir.
// Returns the performance score and the timings the report shows. Adapted from the lighthouse()
// of shared/peers/measure/bench.cjs; runs asynchronously so that a hung run can be killed with
// the Chromium it started (its process group).
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, CHROME, CHROME_FLAGS, start, stop, tempDir, removeTempDir } = require('./lib.cjs');

const LH = process.env.LIGHTHOUSE_BIN || path.join(ROOT, 'node_modules', '.bin', 'lighthouse');
const TIMEOUT_MS = 240000;

async function lighthouse(url, jsonFile) {
  if (!fs.existsSync(LH)) throw new Error(`Lighthouse not found at ${LH}: run npm ci (or set LIGHTHOUSE_BIN)`);
  const profile = tempDir('zrz-bench-lighthouse-');
  const flags = [...CHROME_FLAGS, `--user-data-dir=${profile}`].join(' ');
  const child = start(LH, [url, '--quiet', `--chrome-flags=${flags}`, '--output=json', `--output-path=${jsonFile}`,
    '--only-categories=performance'], { env: { ...process.env, CHROME_PATH: CHROME } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    const code = await new Promise((resolve) => {
      const timer = setTimeout(() => { stop(child); resolve('timeout'); }, TIMEOUT_MS);
      child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    if (code !== 0) throw new Error(`lighthouse ${code === 'timeout' ? 'timed out' : `exited with ${code}`} on ${url}: ${stderr.slice(-2000)}`);
  } finally {
    stop(child);
    removeTempDir(profile);
  }
  const d = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  if (d.runtimeError) throw new Error(`lighthouse on ${url}: ${d.runtimeError.code} ${d.runtimeError.message}`);
  const num = (id) => (d.audits[id] ? d.audits[id].numericValue : null);
  return {
    version: d.lighthouseVersion,
    performance: d.categories.performance.score === null ? null : d.categories.performance.score * 100,
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    speedIndexMs: num('speed-index'),
    benchmarkIndex: d.environment ? d.environment.benchmarkIndex : null,
  };
}

module.exports = { lighthouse };
