import { readFile } from 'node:fs/promises';
import { test as base, expect, Page } from '@playwright/test';

/** Everything a page did wrong: console errors, uncaught exceptions, failed or foreign requests. */
export class Watchdog {
  problems: string[] = [];
  /** Drops the problems a test provokes on purpose (each must have happened). */
  expectProblem(pattern: RegExp) {
    const before = this.problems.length;
    this.problems = this.problems.filter((p) => !pattern.test(p));
    expect(this.problems.length, `expected a problem matching ${pattern}`).toBeLessThan(before);
  }
  constructor(page: Page, origin: string) {
    page.on('console', (m) => { if (m.type() === 'error') this.problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => this.problems.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => this.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => { if (r.status() >= 400) this.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) this.problems.push(`request to another origin: ${url}`);
    });
  }
}

/** The app's pages and the verbs the journeys use. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(hash = '') {
    await this.page.goto(`./${hash}`);
    await expect(this.page.locator('.app-header')).toBeVisible();
  }

  nav(label: string) {
    return this.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: label, exact: true });
  }

  async completeSetup(p: { unit: string; department: string; filledBy: string; year?: string }) {
    await expect(this.page.getByTestId('setup')).toBeVisible();
    await this.page.getByLabel('单位名称').fill(p.unit);
    await this.page.getByLabel('科室/直属单位').fill(p.department);
    await this.page.getByLabel('填报人').fill(p.filledBy);
    if (p.year) await this.page.getByLabel('评估年度').fill(p.year);
    await this.page.getByRole('button', { name: '开始自查' }).click();
    await expect(this.page.getByTestId('setup')).toHaveCount(0);
  }

  item(id: string) {
    return this.page.getByTestId(`item-${id}`);
  }

  async openChapter(id: string) {
    await this.page.goto(`./#/checklist/${id}`);
    await expect(this.page.getByTestId('checklist')).toBeVisible();
  }

  async answer(id: string, response: string) {
    await this.item(id).getByRole('radio', { name: response, exact: true }).check();
  }

  async expectSaved() {
    await expect(this.page.getByTestId('save-status')).toContainText('已保存');
  }

  async openExchange() {
    await this.page.goto('./#/exchange');
    await expect(this.page.getByTestId('exchange')).toBeVisible();
  }

  /** Clicks an export button on 导入导出 and saves the download in the test's output folder. */
  async exportFile(button: string): Promise<{ name: string; path: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    const name = download.suggestedFilename();
    const path = base.info().outputPath(`download-${Date.now()}`, name);
    await download.saveAs(path);
    return { name, path, text: await readFile(path, 'utf8') };
  }

  /** Chooses a file (a path, or made up in the test) in 导入导出's file input. */
  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel('选择文件').setInputFiles(file);
  }

  /** Drops a file made up in the test onto the 导入导出 page. */
  async dropFile(name: string, text: string) {
    const dataTransfer = await this.page.evaluateHandle(([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      return dt;
    }, [name, text]);
    await this.page.getByTestId('exchange').dispatchEvent('drop', { dataTransfer });
  }

  async storedState() {
    return this.page.evaluate(() => localStorage.getItem('zrz.state'));
  }
}

export const test = base.extend<{ app: AppPage; watchdog: Watchdog }>({
  watchdog: async ({ page, baseURL }, use) => {
    const watchdog = new Watchdog(page, new URL(baseURL!).origin);
    await use(watchdog);
    expect(watchdog.problems, 'the page must make no error and no foreign or failed request').toEqual([]);
  },
  app: async ({ page, watchdog }, use) => {
    void watchdog;
    await use(new AppPage(page));
  },
});
export { expect };
