#!/usr/bin/env node
// The benchmark: the app beside the two peers, in alternating runs (app, Vue, vanilla, app, Vue, …),
// then docs/benchmarks.md. Run by scripts/bench.sh (`make bench`), which first builds the app and the
// Vue peer, generates the data under target/bench/data and runs the criterion benches.
//
// Usage: node scripts/bench/run.cjs [--runs 3] [--samples 50] [--lighthouse 1|0] [--skip-office]
//                                   [--out target/bench] [--doc docs/benchmarks.md]
//        node scripts/bench/run.cjs --from target/bench/raw.json   (re-render the doc of a run)
// Env: PEERS_DIR (the peers folder, required), RUNS (default for --runs), CARGO_TARGET_DIR (where
// criterion wrote its estimates).
//
// Per run and target: one fresh browser per data scale (app 0×, 1×, 5×, 10×; peers 0× and 1×, since
// they hold only the checklist), then Lighthouse on the plain and on the gzip server. Once: the
// first-visit bytes. Unless --skip-office: the 汇总 page against JSON.parse, per run.
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, serve, machine, cleanup } = require('./lib.cjs');
const browser = require('./browser.cjs');
const { lighthouse } = require('./lighthouse.cjs');
const { render } = require('./report.cjs');

const APP_SCALES = [0, 1, 5, 10];
const PEER_SCALES = [0, 1];
const OFFICE_COUNTS = [30, 100, 300];

function args(argv) {
  const o = { runs: Number(process.env.RUNS || 3), samples: 50, lighthouse: 1, 'skip-office': false, out: 'target/bench', doc: 'docs/benchmarks.md', from: '' };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in o)) throw new Error(`unknown option --${k}`);
    if (typeof o[k] === 'boolean') o[k] = true;
    else o[k] = typeof o[k] === 'number' ? Number(argv[++i]) : argv[++i];
  }
  if (!(o.runs >= 1)) throw new Error('--runs must be at least 1');
  return o;
}

function targets(peersDir) {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(__dirname, f), 'utf8'));
  const app = read('targets.app.json');
  const peers = read('targets.peers.json');
  const list = [app, ...peers.peers].map((t) => {
    const dir = path.resolve(ROOT, t.serve.replace('$PEERS_DIR', peersDir));
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${t.name}: ${dir}/index.html is missing (make build, scripts/bench/build-peers.sh)`);
    return { ...t, dir };
  });
  return { list, statusOf: peers.statusOf };
}

// One folder served by both servers: a link per target, and the generated data (for the office floor).
function wwwTree(out, list, dataDir) {
  const www = path.join(out, 'www');
  fs.rmSync(www, { recursive: true, force: true });
  fs.mkdirSync(www, { recursive: true });
  for (const t of list) fs.symlinkSync(t.dir, path.join(www, t.name));
  fs.symlinkSync(dataDir, path.join(www, 'data'));
  return www;
}

function criterionMedians() {
  const dir = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'criterion');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((b) => fs.existsSync(path.join(dir, b, 'new', 'estimates.json'))).map((bench) => {
    const e = JSON.parse(fs.readFileSync(path.join(dir, bench, 'new', 'estimates.json'), 'utf8'));
    return { bench, medianNs: e.median.point_estimate, low: e.median.confidence_interval.lower_bound, high: e.median.confidence_interval.upper_bound };
  });
}

async function main() {
  const o = args(process.argv);
  const doc = path.resolve(ROOT, o.doc);
  if (o.from) {
    fs.writeFileSync(doc, render(JSON.parse(fs.readFileSync(o.from, 'utf8'))));
    return;
  }
  const peersDir = process.env.PEERS_DIR;
  if (!peersDir || !fs.existsSync(path.join(peersDir, 'measure', 'serve_gzip.py'))) throw new Error(`PEERS_DIR (${peersDir}) does not hold the peers' measure/serve_gzip.py`);
  const out = path.resolve(ROOT, o.out);
  const dataDir = path.join(out, 'data');
  const backup = (scale) => {
    const f = path.join(dataDir, `year-${scale}x.json`);
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: scripts/bench.sh generates it`);
    return f;
  };
  // The same year as the browser keeps it (one localStorage key per record): how the app is seeded.
  const store = (scale) => {
    const f = path.join(dataDir, `store-${scale}x.json`);
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: scripts/bench.sh generates it`);
    return f;
  };
  const { list, statusOf } = targets(peersDir);
  const www = wwwTree(out, list, dataDir);
  fs.mkdirSync(path.join(out, 'lighthouse'), { recursive: true });
  const plain = await serve('plain', www, peersDir);
  const gzip = await serve('gzip', www, peersDir);
  const log = (s) => process.stderr.write(s);
  const raw = {
    machine: machine(), runs: o.runs, samples: o.samples, lighthouse: !!o.lighthouse,
    targets: list.map(({ name, label, checklist }) => ({ name, label, items: checklist.count, url: checklist.url })),
    data: APP_SCALES.map((s) => ({ scale: s, bytes: fs.statSync(backup(s)).size })),
    bytes: {}, sessions: [], lighthouse: [], office: null, errors: [],
  };
  const attempt = async (what, fn) => {
    try { return await fn(); } catch (e) {
      raw.errors.push(`${what}: ${e.message}`);
      log(`\n  ${what} failed: ${e.message}\n`);
      return null;
    }
  };
  try {
    for (const t of list) {
      log(`first visit bytes: ${t.name}\n`);
      raw.bytes[t.name] = await attempt(`${t.name} bytes`, () => browser.firstVisitBytes(t, `${plain.url}${t.name}/`));
    }
    const officeFiles = o['skip-office'] ? [] : fs.readdirSync(path.join(dataDir, 'office')).sort().map((name) => {
      const p = path.join(dataDir, 'office', name);
      return { name, path: p, bytes: fs.statSync(p).size };
    });
    const officeRuns = [];
    for (let run = 1; run <= o.runs; run++) {
      for (const t of list) {
        for (const scale of t.name === 'app' ? APP_SCALES : PEER_SCALES) {
          log(`run ${run}/${o.runs} ${t.name} ${scale}×… `);
          const s = await attempt(`run ${run} ${t.name} ${scale}×`, () => browser.session(t, `${plain.url}${t.name}/`, { scale, backupPath: backup(scale), storePath: store(scale), statusOf, samples: o.samples }));
          if (s) raw.sessions.push({ target: t.name, run, ...s });
          log('done\n');
        }
      }
      if (o.lighthouse) {
        for (const server of [plain, gzip]) {
          for (const t of list) {
            log(`run ${run}/${o.runs} lighthouse ${server.kind} ${t.name}… `);
            const file = path.join(out, 'lighthouse', `${t.name}-${server.kind}-run${run}.json`);
            const lh = await attempt(`run ${run} lighthouse ${server.kind} ${t.name}`, () => lighthouse(`${server.url}${t.name}/${t.firstPage}`, file));
            if (lh) raw.lighthouse.push({ target: t.name, server: server.kind, run, ...lh });
            log('done\n');
          }
        }
      }
      if (!o['skip-office']) {
        log(`run ${run}/${o.runs} office… `);
        const r = await attempt(`run ${run} office`, () => browser.office(list[0], `${plain.url}${list[0].name}/`, { files: officeFiles, counts: OFFICE_COUNTS, dataUrl: `${plain.url}data/office/`, profilePath: backup(0) }));
        if (r) officeRuns.push(r);
        log(r && !r.present ? 'not measured: no 汇总 page (JSON.parse floor only)\n' : 'done\n');
      }
    }
    if (o['skip-office']) log('office: not measured: no 汇总 page (--skip-office)\n');
    raw.office = o['skip-office'] ? { skipped: true } : { runs: officeRuns };
    raw.criterion = criterionMedians();
  } finally {
    plain.stop();
    gzip.stop();
  }
  fs.writeFileSync(path.join(out, 'raw.json'), JSON.stringify(raw, null, 1) + '\n');
  // A run in which the browser measured nothing (no Chromium, say) must not replace the last good doc.
  if (raw.sessions.length === 0) {
    log(`no browser measurement succeeded: ${path.relative(ROOT, doc)} left as it was (first error: ${raw.errors[0]})\n`);
    process.exitCode = 1;
    return;
  }
  fs.writeFileSync(doc, render(raw));
  log(`wrote ${path.relative(ROOT, doc)} and ${path.relative(ROOT, path.join(out, 'raw.json'))}\n`);
  if (raw.errors.length) {
    log(`${raw.errors.length} measurement(s) failed (listed in the doc)\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => { console.error(e.stack || String(e)); cleanup(); process.exit(1); });
