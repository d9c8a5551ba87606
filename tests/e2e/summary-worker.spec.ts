import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, AppPage } from './fixtures';

// The reader worker (src/bin/reader.rs, `browser::worker`): received files are read through the
// import pipeline off the page's thread, on receiving and in the background after a reload. Where
// no worker can answer (its script missing, a worker of another build), the page reads in-thread:
// the same results either way. The figures are the fixture's known ones (expected.json).
const dir = join(__dirname, '../fixtures/office');
const batch = (name: string) =>
  readdirSync(join(dir, name))
    .sort()
    .map((f) => join(dir, name, f));
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  after_batch2: { department: string; completion: string; score: string; red_lines: number }[];
};
const result = (page: Page, file: string) => page.locator(`[data-testid=receive-result][data-file="${file}"]`);
const readerWorkers = (page: Page) => page.workers().filter((w) => w.url().endsWith('/reader_loader.js'));
/** How many files the page's reader workers have answered (`browser::worker::serve` counts them). */
async function answered(page: Page): Promise<number> {
  const workers = readerWorkers(page);
  expect(workers.length, 'a reader worker runs').toBeGreaterThan(0);
  let n = 0;
  for (const w of workers) n += await w.evaluate(() => (self as unknown as { zrzAnswered?: number }).zrzAnswered ?? 0);
  return n;
}

async function receiveBoth(app: AppPage, page: Page) {
  await app.open('full.html#/summary');
  if (await page.getByTestId('welcome').isVisible()) await app.chooseRole('office');
  await expect(page.getByTestId('summary-empty')).toBeVisible();
  for (const name of ['batch1', 'batch2']) {
    const files = batch(name);
    await page.getByTestId('receive-files').setInputFiles(files);
    await expect(page.getByTestId('receive-result')).toHaveCount(files.length);
    await expect(page.getByTestId('receive-progress')).toHaveCount(0);
  }
  // What the pipeline says of each file, whoever read it.
  await expect(result(page, '07-办公室-2025-更新.json')).toHaveAttribute('data-result', 'replaced');
  await expect(result(page, '08-宣传股-2025-副本.json')).toHaveAttribute('data-result', 'already_held');
  await expect(result(page, '09-办公室-2025-较早.json')).toHaveAttribute('data-result', 'kept_older');
  await expect(result(page, '10-办公室-2024.json')).toHaveAttribute('data-result', 'added');
}

async function expectKnownFigures(page: Page) {
  await expect(page.getByTestId('summary-row')).toHaveCount(4);
  for (const e of expected.after_batch2) {
    const row = page.locator(`[data-testid=summary-row][data-department="${e.department}"]`);
    await expect(row.locator('[data-col=completion]')).toHaveText(e.completion);
    await expect(row.locator('[data-col=score]')).toHaveText(e.score);
  }
}

/** After a reload: the table from the figures at once, then every file read again; the outputs wait. */
async function reloadAndPrepare(page: Page) {
  await page.reload();
  await expectKnownFigures(page);
  await expect(page.getByTestId('outputs-preparing')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('download-csv')).toBeEnabled();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  for (const e of expected.after_batch2) expect(text).toContain(e.department);
}

test('received files are read in the reader worker, on receiving and again after a reload', async ({ app, page }) => {
  test.setTimeout(180_000);
  // The worker fetches its wasm LZMA-packed, as the pages do, and unpacks it itself
  // (scripts/post_build.py rewrites trunk's loader shim): the wasm itself is not fetched.
  const wasm: string[] = [];
  page.context().on('request', (r) => { if (/reader_bg\.wasm(\.lzma)?$/.test(r.url())) wasm.push(r.url().split('/').pop()!); });
  await receiveBoth(app, page);
  await expectKnownFigures(page);
  // (The service worker's install and its passing on of the worker's fetch are requests too.)
  expect(wasm).toContain('reader_bg.wasm.lzma');
  expect(wasm).not.toContain('reader_bg.wasm');
  // Every file of both batches (all ten are text): eight department files, and the findings file
  // and the broken one, which the worker answers "no" (the page then words why each is refused).
  expect(await answered(page)).toBe(10);
  await reloadAndPrepare(page);
  // After the reload, each record's file in force, in the background.
  expect(await answered(page)).toBe(5);
});

// Without the service worker: once it controls the page it fetches the worker's files itself, where
// `page.route` cannot reach, and the real worker would answer (a test of the fallback that would
// pass without one, and fail when the page starts its worker before the service worker claims it).
test.describe('without the service worker, so that the routes decide what the worker loads', () => {
  test.use({ serviceWorkers: 'block' });

  test('without the packed wasm (its .lzma not served), the worker starts from the wasm itself', async ({ app, page, watchdog }) => {
    test.setTimeout(180_000);
    await page.route('**/reader_bg.wasm.lzma', (route) => route.fulfill({ status: 404, body: '' }));
    const wasm: string[] = [];
    page.context().on('request', (r) => { if (/reader_bg\.wasm$/.test(r.url())) wasm.push(r.url().split('/').pop()!); });
    await receiveBoth(app, page);
    await expectKnownFigures(page);
    expect(await answered(page)).toBe(10);
    expect(wasm).toContain('reader_bg.wasm');
    watchdog.expectProblem(/HTTP 404: .*reader_bg\.wasm\.lzma$/);
  });

  test('without the worker (its script not served), the page reads the files itself: the same results', async ({ app, page, watchdog }) => {
    test.setTimeout(180_000);
    let refused = 0;
    await page.route('**/reader_loader.js', (route) => { refused += 1; return route.fulfill({ status: 404, body: '' }); });
    await receiveBoth(app, page);
    await expectKnownFigures(page);
    await reloadAndPrepare(page);
    // The page asked for its worker on receiving and again after the reload, and no worker ran.
    expect(refused).toBeGreaterThanOrEqual(2);
    expect(readerWorkers(page)).toHaveLength(0);
    // Chromium reports a worker script's 404 twice: the response, and the worker's request failing.
    watchdog.expectProblem(/^(HTTP 404|request failed): .*\/reader_loader\.js( net::ERR_FAILED)?$/);
  });

  test('a worker of another build (a cached older reader) is not used: the page reads the files itself', async ({ app, page }) => {
    test.setTimeout(180_000);
    // A worker that starts, says another wire version, and would answer every file wrongly.
    let served = 0;
    await page.route('**/reader_loader.js', (route) => {
      served += 1;
      return route.fulfill({
        contentType: 'text/javascript',
        body: `postMessage({ ready: 'zrz-reader/0/old' });
               onmessage = (e) => postMessage({ id: e.data.id, answer: '{"broken": true}' });`,
      });
    });
    await receiveBoth(app, page);
    await expectKnownFigures(page);
    expect(served, 'the page started the older worker').toBeGreaterThan(0);
  });
});
