import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';

// 汇总 at scale: 300 department files of realistic size. Not part of the suite (it needs the files
// and minutes); run by hand:
//   cargo run --release -p zrz-exchange --example bench_data -- --kind assessment --departments 300 --out target/office-300/
//   SUMMARY_SCALE_DIR=$PWD/target/office-300 scripts/test-e2e.sh tests/e2e/summary-scale.spec.ts
// It prints: the time to receive them all, the longest main-thread task meanwhile, the time to the
// table of 300 after a reload, and the browser's own JSON.parse of the same bytes (the floor).
const dir = process.env.SUMMARY_SCALE_DIR;

test('300 department files: receiving shows progress, the page keeps answering, the table appears', async ({ app, page }) => {
  test.skip(!dir, 'SUMMARY_SCALE_DIR is not set');
  test.setTimeout(900_000);
  const files = readdirSync(dir!).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir!, f));
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  await app.open('full.html#/summary');
  if (await page.getByTestId('welcome').isVisible()) await app.chooseRole('office');
  await expect(page.getByTestId('summary-empty')).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { longest: number }).longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const w = window as unknown as { longest: number };
        w.longest = Math.max(w.longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  await page.getByTestId('receive-files').setInputFiles(files);
  await expect(page.getByTestId('receive-progress')).toBeVisible();
  await expect(page.getByTestId('receive-result')).toHaveCount(files.length, { timeout: 800_000 });
  await expect(page.getByTestId('receive-progress')).toHaveCount(0, { timeout: 60_000 });
  const receiveMs = Date.now() - started;
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  await expect(page.locator('[data-testid=receive-result][data-result=added]')).toHaveCount(files.length);

  // After a reload: when the app started (trunk's event), when the table had every row, the longest
  // task while every file is read again in the background, and when the outputs are ready.
  await page.addInitScript((n) => {
    const w = window as unknown as Record<string, number>;
    w.longest = 0;
    addEventListener('TrunkApplicationStarted', () => (w.started = performance.now()));
    new MutationObserver(() => {
      if (!w.table && document.querySelectorAll('[data-testid=summary-row]').length >= n) w.table = performance.now();
    }).observe(document, { childList: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  }, files.length);
  const reloaded = Date.now();
  await page.reload();
  await expect(page.getByTestId('summary-row')).toHaveCount(files.length, { timeout: 120_000 });
  const tableMs = Date.now() - reloaded;
  await expect(page.getByTestId('outputs-preparing')).toBeVisible();
  await expect(page.getByTestId('outputs-preparing')).toHaveCount(0, { timeout: 600_000 });
  const preparedMs = Date.now() - reloaded;
  const { appStarted, table, longestAfter } = await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    return { appStarted: w.started, table: w.table, longestAfter: w.longest };
  });

  // The outputs of 300 departments: click → download.
  const outputs: string[] = [];
  for (const id of ['download-xlsx', 'download-docx', 'download-csv', 'download-items-csv', 'download-cadres-csv']) {
    const t0 = Date.now();
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId(id).click()]);
    await d.path();
    outputs.push(`${id.replace('download-', '')} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  // The floor: the browser's JSON.parse of the same texts.
  let parseMs = 0;
  for (let i = 0; i < files.length; i += 20) {
    const texts = files.slice(i, i + 20).map((f) => readFileSync(f, 'utf8'));
    parseMs += await page.evaluate((ts) => {
      const t0 = performance.now();
      for (const t of ts) JSON.parse(t);
      return performance.now() - t0;
    }, texts);
  }
  console.log(
    `summary scale: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; received in ${(receiveMs / 1000).toFixed(1)} s ` +
      `(${(receiveMs / parseMs).toFixed(0)}× JSON.parse's ${parseMs.toFixed(0)} ms); longest task ${longest.toFixed(0)} ms; ` +
      `table of ${files.length} after reload in ${(tableMs / 1000).toFixed(1)} s ` +
      `(${(table - appStarted).toFixed(0)} ms after the app started, which was ${appStarted.toFixed(0)} ms after navigation); ` +
      `every file read again in the background in ${((preparedMs - tableMs) / 1000).toFixed(1)} s, longest task meanwhile ${longestAfter.toFixed(0)} ms; ` +
      `outputs: ${outputs.join(', ')}`,
  );
});
