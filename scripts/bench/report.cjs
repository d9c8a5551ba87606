// Renders a benchmark run (target/bench/raw.json, written by run.cjs) as docs/benchmarks.md.
// Every figure is the median over the runs of that run's figure (a p95 is the median of the
// runs' p95s); ratios are app ÷ Vue peer, the result that means something on a shared machine.
'use strict';
const { median } = require('./lib.cjs');

const MiB5 = 5 * 1024 * 1024;

const ms = (x) => (x == null ? 'n/a' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));
const int = (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const ratio = (a, b) => (a == null || b == null || b === 0 ? 'n/a' : `${(a / b).toFixed(a / b < 10 ? 2 : 1)}×`);
const pct = (x) => (x == null ? 'n/a' : `${(100 * x).toFixed(1)} %`);

function render(raw) {
  const names = raw.targets.map((t) => t.name);
  const label = Object.fromEntries(raw.targets.map((t) => [t.name, t.label]));
  const sessions = (target, scale) => raw.sessions.filter((s) => s.target === target && s.scale === scale);
  // A session figure for a target at a scale; the peers hold only the checklist, so their 1× stands
  // for every scale above 0.
  const fig = (target, scale, get) => {
    const at = target === 'app' || scale === 0 ? scale : 1;
    return median(sessions(target, at).map((s) => { try { return get(s); } catch { return null; } }));
  };
  const lh = (target, server, key) => median(raw.lighthouse.filter((r) => r.target === target && r.server === server).map((r) => r[key]));
  const bytes = (target, key) => (raw.bytes[target] ? raw.bytes[target].total[key] : null);
  const m = raw.machine;
  const L = [];
  // `align`: one letter per column, l or r; default: the first left, the rest right (numbers).
  const table = (head, rows, align = 'l' + 'r'.repeat(head.length - 1)) => {
    L.push(`| ${head.join(' | ')} |`);
    L.push(`| ${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`);
    for (const r of rows) L.push(`| ${r.join(' | ')} |`);
    L.push('');
  };
  const trio = (title, get, fmt) => {
    const [a, v, f] = ['app', 'vue', 'vanilla'].map(get);
    return [title, fmt(a), fmt(v), fmt(f), ratio(a, v)];
  };

  L.push('# Benchmarks: the app beside two peers of its checklist page');
  L.push('');
  L.push(`Written by \`make bench\` (\`scripts/bench.sh\`) on ${m.date.slice(0, 10)} from commit \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''}, ` +
    `**${raw.runs} run${raw.runs > 1 ? 's' : ''}** (${raw.runs > 1 ? `medians of ${raw.runs} alternating runs` : 'a single run: RUNS=1, so every figure is one sample; run `make bench` for medians of 3'}), ` +
    `${raw.samples} clicks and ${raw.samples} keystrokes per point. How to run and read it: \`docs/testing.md\`, section Benchmarks.`);
  L.push('');
  L.push('Absolute times on this shared 2-core machine are noise; the **ratios** (app ÷ Vue peer, and the vanilla floor) are the result.');
  L.push('');
  const load = Number(m.load.split(' ')[0]);
  if (load > m.cores) {
    L.push(`**The machine was busy** (load average ${m.load.split(' ')[0]} on ${m.cores} cores at the start): every time here is inflated, the small ones (the vanilla floor, single-digit milliseconds) most; compare ratios, and rerun on a quiet machine before reading absolute figures.`);
    L.push('');
  }
  table(['machine', ''], [
    ['CPU', `${m.cores} × ${m.cpu}`], ['RAM', `${m.ramGiB} GiB`], ['OS', m.os], ['browser', m.chromium],
    ['Node', m.node], ['load average at start', m.load],
    ['Lighthouse', raw.lighthouse.length ? `${raw.lighthouse[0].version}, default mobile settings (benchmarkIndex ${int(median(raw.lighthouse.map((r) => r.benchmarkIndex)))})` : 'not run'],
  ], 'll');
  L.push('Targets: **app** = this repo\'s release `dist/` (checklist page `#/checklist/4.1`, the chapter with the most task items: ' +
    `${raw.targets[0].items} items); **Vue** = \`vue-element\` peer (Vue 3 + Element Plus, one page of ${raw.targets[1].items} items); ` +
    `**vanilla** = the hand-written floor (${raw.targets[2].items} items). The peers show one page of items, save every change to one localStorage key, and hold no ledger or ratings: their figures do not depend on the scale, so their 1× stands in every scale row.`);
  L.push('');

  L.push('## Summary');
  L.push('');
  const usable = (s) => s.usableMs;
  table(['figure', 'app', 'Vue', 'vanilla', 'app ÷ Vue'], [
    trio('first visit, bytes raw', (t) => bytes(t, 'raw'), int),
    trio('first visit, bytes gzip -9', (t) => bytes(t, 'gzip9'), int),
    trio('first visit, bytes brotli 11', (t) => bytes(t, 'brotli11'), int),
    trio('Lighthouse performance, plain server', (t) => lh(t, 'plain', 'performance'), int),
    trio('Lighthouse LCP (ms), plain server', (t) => lh(t, 'plain', 'lcpMs'), ms),
    trio('Lighthouse TBT (ms), plain server', (t) => lh(t, 'plain', 'tbtMs'), ms),
    trio('Lighthouse performance, gzip server', (t) => lh(t, 'gzip', 'performance'), int),
    trio('navigation → usable (ms), empty', (t) => fig(t, 0, usable), ms),
    trio('navigation → usable (ms), 1×', (t) => fig(t, 1, usable), ms),
    trio('click → stored, p95 (ms), 1×', (t) => fig(t, 1, (s) => s.click.p95Ms), ms),
    trio('click → stored, p95 (ms), 10×', (t) => fig(t, 10, (s) => s.click.p95Ms), ms),
    trio('keystroke → stored, p95 (ms), 1×', (t) => fig(t, 1, (s) => s.key.p95Ms), ms),
    trio('keystroke → stored, p95 (ms), 10×', (t) => fig(t, 10, (s) => s.key.p95Ms), ms),
    trio('bytes written per keystroke, 1×', (t) => fig(t, 1, (s) => s.key.bytesWritten), int),
    trio('stored bytes after seeding, 1×', (t) => fig(t, 1, (s) => s.stored.seeded.total), int),
    trio('stored bytes after seeding, 10×', (t) => fig(t, 10, (s) => s.stored.seeded.total), int),
    ['汇总: 300 files ÷ JSON.parse of them', officeSummary(raw.office), '', '', ''],
  ]);

  L.push('## 1. First-visit bytes per file');
  L.push('');
  L.push('Every file a first visit with empty storage fetches from the plain server (bodies as served; gzip -9 and brotli 11 computed here, what a compressing server would send).');
  L.push('');
  for (const t of names) {
    const b = raw.bytes[t];
    L.push(`**${label[t]}**`);
    L.push('');
    if (!b) { L.push('not measured (see Errors)'); L.push(''); continue; }
    // trunk writes its hash in hex without leading zeros (up to 16 digits); vite's is 8 characters.
    const hash = (f) => f.replace(/-[0-9a-f]{1,16}(_bg)?\./, (x, bg) => `-…${bg || ''}.`).replace(/-[A-Za-z0-9_]{8}\./, '-….');
    table(['file', 'raw', 'gzip -9', 'brotli 11'], [
      ...b.files.map((f) => [`\`${hash(f.file)}\``, int(f.raw), int(f.gzip9), int(f.brotli11)]),
      ['**total**', `**${int(b.total.raw)}**`, `**${int(b.total.gzip9)}**`, `**${int(b.total.brotli11)}**`],
    ]);
    if (b.precache) {
      L.push(`Then, after the page has loaded and the browser is idle, the service worker downloads the offline copy in the background: ${int(b.precache.files)} files, ${int(b.precache.raw)} bytes raw (both pages' files, the full app's included; not in the total above, and sent compressed by a compressing server).`);
      L.push('');
    }
  }

  L.push('## 2. Lighthouse');
  L.push('');
  if (!raw.lighthouse.length) {
    L.push('Not run (`bench-quick`, or `--lighthouse 0`).');
    L.push('');
  } else {
    L.push('Default mobile settings (simulated slow 4G, 4× CPU slowdown), empty storage: the app shows its first-run setup, the peers their checklist. Plain = `python3 -m http.server` (no compression), gzip = the peers\' `serve_gzip.py` (gzip -9).');
    L.push('');
    const rows = [];
    for (const [key, title, fmt] of [['performance', 'performance score', int], ['fcpMs', 'FCP (ms)', ms], ['lcpMs', 'LCP (ms)', ms], ['tbtMs', 'TBT (ms)', ms], ['speedIndexMs', 'Speed Index (ms)', ms]]) {
      for (const server of ['plain', 'gzip']) rows.push(trio(`${title}, ${server}`, (t) => lh(t, server, key), fmt));
    }
    table(['metric', 'app', 'Vue', 'vanilla', 'app ÷ Vue'], rows);
  }

  L.push('## 3. Navigation → usable');
  L.push('');
  L.push('A fresh browser, the data seeded, the HTTP cache cleared, then a navigation to the checklist page. *Visible*: the page\'s items all have a layout box (from navigation start). *Usable*: visible and no long task (≥ 50 ms) for 500 ms after; the later of the two ends. Empty: the app after its first-run setup only (its truly empty store shows the setup form, not the checklist); the peers with nothing stored.');
  L.push('');
  const scales = [0, 1, 5, 10];
  const scaleName = (s) => (s === 0 ? 'empty' : `${s}×`);
  table(['data', 'app visible', 'app usable', 'Vue usable', 'vanilla usable', 'app ÷ Vue (usable)'], scales.map((s) => {
    const [a, v, f] = ['app', 'vue', 'vanilla'].map((t) => fig(t, s, usable));
    return [scaleName(s), ms(fig('app', s, (x) => x.visibleMs)), ms(a), ms(v), ms(f), ratio(a, v)];
  }));

  L.push('## 4. Click → stored and keystroke → stored');
  L.push('');
  L.push(`From the event (a status radio clicked, or one character typed into an item's note, as an \`input\` event) to the \`setItem\` that stored exactly the new value for that item: \`Storage.prototype.setItem\` is wrapped to timestamp each write when it returns, and a write only counts if the stored JSON holds the new value at the item's place (other keys and stale writes do not). Items in turn, alternating 已落实 / 部分落实 (the two that need no reason). ${raw.samples} of each per point; *bytes written* is everything written to localStorage per edit (UTF-16: 2 bytes a character).`);
  L.push('');
  for (const [kind, title] of [['click', 'click → stored'], ['key', 'keystroke → stored']]) {
    L.push(`**${title}** (ms)`);
    L.push('');
    table(['data', 'app median', 'app p95', 'Vue median', 'Vue p95', 'vanilla p95', 'app ÷ Vue (p95)', 'app bytes written / edit'], [1, 5, 10].map((s) => {
      const get = (t, k) => fig(t, s, (x) => x[kind][k]);
      return [`${s}×`, ms(get('app', 'medianMs')), ms(get('app', 'p95Ms')), ms(get('vue', 'medianMs')), ms(get('vue', 'p95Ms')), ms(get('vanilla', 'p95Ms')),
        ratio(get('app', 'p95Ms'), get('vue', 'p95Ms')), int(get('app', 'bytesWritten'))];
    }));
  }

  L.push('## 5. Stored bytes');
  L.push('');
  L.push('Sum over every localStorage key of (key + value length) × 2 (UTF-16), and its share of a 5 MiB quota. App: after seeding (its per-record keys written directly: what the app itself keeps for that year), after exporting a 自评文件 (which keeps the exported record as the merge base), after importing the same backup again (the undo point keeps the record before it), after 撤销上次导入. Browsers count their quota differently, so 5 MiB is the budget the table compares with.');
  L.push('');
  const stage = (s, key) => fig('app', s, (x) => (x.stored[key] && x.stored[key].total) ?? null);
  const failedStage = (s, key) => sessions('app', s).map((x) => x.stored[key] && x.stored[key].error).find(Boolean);
  const notes = [];
  const cell = (s, key) => {
    const v = stage(s, key);
    if (v != null) return `${int(v)} (${pct(v / MiB5)})`;
    const err = failedStage(s, key);
    if (!err) return 'n/a';
    notes.push(`${scaleName(s)}, ${key}: ${err.replace(/^.*the page says: /, '').replace(/\|/g, '/')}`);
    return `**failed** (note ${notes.length})`;
  };
  table(['data', 'backup file', 'app seeded', 'after export', 'after a second import', 'after undo'], [0, 1, 5, 10].map((s) => {
    const file = raw.data.find((d) => d.scale === s);
    return [scaleName(s), file ? int(file.bytes) : 'n/a', cell(s, 'seeded'), cell(s, 'exported'), cell(s, 'reimported'), cell(s, 'undone')];
  }));
  notes.forEach((n, i) => L.push(`${i + 1}. ${n}`));
  if (notes.length) L.push('');
  const most = Math.max(...raw.sessions.filter((x) => x.target === 'app').flatMap((x) => Object.values(x.stored).map((v) => v.total || 0)));
  L.push(`The most this Chromium stored for the app was ${int(most)} bytes in these units (${pct(most / MiB5)} of 5 MiB)${notes.length ? '; it refused the writes in the notes' : ''}.`);
  L.push('');
  L.push(`Peers after seeding the same answers: Vue ${int(fig('vue', 1, (s) => s.stored.seeded.total))}, vanilla ${int(fig('vanilla', 1, (s) => s.stored.seeded.total))} bytes.`);
  L.push('');

  L.push('## 6. 汇总: receiving department files');
  L.push('');
  const office = raw.office;
  if (!office || office.skipped) {
    L.push('not measured: no 汇总 page (`--skip-office`).');
  } else if (!office.runs.length) {
    L.push('not measured (see Errors).');
  } else {
    const present = office.runs.some((r) => r.present);
    L.push(present
      ? 'From choosing the files on the 汇总 page to one row per file, against the browser\'s own `TextDecoder` + `JSON.parse` of the same bytes (the floor).'
      : '**not measured: no 汇总 page** (its selector in `scripts/bench/targets.app.json` did not match). The floor is measured: the browser\'s own `TextDecoder` + `JSON.parse` of the same bytes, what the page will have to be compared with.');
    L.push('');
    table(['department files (1× 科室自评 each)', 'bytes', 'JSON.parse floor (ms)', 'app (ms)', 'app ÷ floor'], officeRows(office).map((r) => [int(r.files), int(r.bytes), ms(r.floorMs), present ? ms(r.appMs) : 'not measured', present ? ratio(r.appMs, r.floorMs) : 'n/a']));
  }
  L.push('');

  L.push('## 7. Criterion benchmarks of the domain');
  L.push('');
  if (!raw.criterion || !raw.criterion.length) {
    L.push('Not run.');
  } else {
    L.push('`crates/bench` (`cargo bench`), native release build, one department\'s 1× year built in memory. Median and its 95 % confidence interval.');
    L.push('');
    const what = {
      template_parse: '`Template::parse` of the shipped template JSON (validation included)',
      rate_department_30: '`scoring::rate_department`: 30 cadres, 1,050 ratings',
      plan_merge_1x: '`plan_merge`: a colleague\'s copy of the 1× record against it, with a base',
      import_1x: '`import` of a 1× 科室自评 file (the whole pipeline)',
    };
    const t = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
    table(['benchmark', 'what', 'median', '95 % CI'], raw.criterion.map((c) => [`\`${c.bench}\``, what[c.bench] || '', t(c.medianNs), `${t(c.low)} – ${t(c.high)}`]), 'llrr');
  }

  L.push('## The data: what 1× is');
  L.push('');
  L.push('Generated by `crates/exchange/examples/bench_data` (see its `year.rs`) through the exchange crate\'s own API: for seeding the app, the year as the browser keeps it (`--kind store`: `zrz3.meta` and one `zrz3.r.<kind>/<id>` key per record, written into localStorage directly on a static page of the same origin); the same year as a backup file for the re-import step (导入导出 → 选择文件 → preview → 从备份恢复).');
  L.push('');
  L.push('- **1×** = one department\'s year: all 53 items answered (mostly 已落实, some 部分落实, 未落实 and 不适用 with reasons; red lines 未发生), each with a note of about 80 characters, two pieces of evidence, an owner and dates; 30 cadres; 1,050 ratings (each cadre on 5 dimensions by 自评, 5 named 互评 colleagues and 上级评价); 100 ledger entries.');
  L.push('- **5×** and **10×**: the ledger grows to 1,000 and 5,000 entries; the cadres and ratings grow with the scale up to the importer\'s limit of 5,000 entries in one list (142 cadres, 4,970 ratings, reached at 5×). The 10× backup is just under the importer\'s 5 MiB file limit.');
  L.push('- **empty** (0×): the profile only, as after the first-run setup.');
  L.push('- The office files: one 1× 科室自评 file per department (different department names).');
  L.push('');
  // Measurements made by hand (the size levers of issue 14 …), kept in a file of their own so that a
  // new run keeps them.
  const extra = require('path').join(__dirname, 'notes.md');
  if (require('fs').existsSync(extra)) {
    L.push(require('fs').readFileSync(extra, 'utf8').trim());
    L.push('');
  }
  const pageErrors = raw.sessions.flatMap((x) => x.errors.map((e) => `run ${x.run} ${x.target} ${scaleName(x.scale)}: uncaught in the page: ${e}`));
  if (raw.errors.length || pageErrors.length) {
    L.push('## Errors');
    L.push('');
    for (const e of [...raw.errors, ...pageErrors]) L.push(`- ${e.replace(/\n/g, ' ')}`);
    L.push('');
  }
  return L.join('\n').replace(/\n{3,}/g, '\n\n');
}

// The summary's 汇总 cell: the ratio at the largest file count, or why there is none.
function officeSummary(office) {
  if (!office || office.skipped || !office.runs.length || !office.runs.some((r) => r.present)) return 'not measured: no 汇总 page';
  const last = officeRows(office).pop();
  return `${ratio(last.appMs, last.floorMs)} (${ms(last.appMs)} ms)`;
}

// The office figures per file count, medians over the runs.
function officeRows(office) {
  const counts = [...new Set(office.runs.flatMap((r) => r.results.map((x) => x.files)))];
  return counts.map((n) => {
    const rs = office.runs.map((r) => r.results.find((x) => x.files === n)).filter(Boolean);
    return { files: n, bytes: rs[0].bytes, floorMs: median(rs.map((x) => x.floorMs)), appMs: median(rs.map((x) => x.appMs)) };
  });
}

module.exports = { render };
