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
    page.on('requestfailed', (r) => {
      // ERR_ABORTED is the browser cancelling a request because the page navigated or reloaded.
      const error = r.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED') this.problems.push(`request failed: ${r.url()} ${error}`);
    });
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

  /** On a first visit: who uses this browser (`department`, `office` or `both`). */
  async chooseRole(role: 'department' | 'office' | 'both' = 'department') {
    await this.page.getByTestId(`role-${role}`).click();
    await expect(this.page.getByTestId('welcome')).toHaveCount(0);
  }

  /** The first visit of a department: the role (when asked), then the unit's details. */
  async completeSetup(p: { unit: string; department: string; filledBy: string; year?: string }) {
    const welcome = this.page.getByTestId('welcome');
    await expect(welcome.or(this.page.getByTestId('setup'))).toBeVisible();
    if (await welcome.isVisible()) await this.chooseRole('department');
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

  /** The department's stored record: every `zrz3.` record's data (not its revision stamps, which
   *  any rewrite renews) and the meta record, as one comparable string. Drafts are left out. */
  async storedState() {
    return this.page.evaluate(() => {
      const out: [string, unknown][] = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i)!;
        if (!key.startsWith('zrz3.') || key.startsWith('zrz3.draft.')) continue;
        const value = JSON.parse(localStorage.getItem(key)!);
        if (key === 'zrz3.meta') out.push([key, value]);
        else if (value && value.data != null) out.push([key, value.data]);
      }
      out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return JSON.stringify(out);
    });
  }

  /** Forgets everything this origin keeps: localStorage and the IndexedDB undo history. */
  async clearBrowser() {
    await this.page.evaluate(async () => {
      localStorage.clear();
      await new Promise((done) => { const r = indexedDB.deleteDatabase('zrz'); r.onsuccess = r.onerror = r.onblocked = () => done(null); });
    });
  }

  async openRating() {
    await this.page.goto('./#/rating');
    await expect(this.page.getByTestId('rating')).toBeVisible();
  }

  async openSettings() {
    await this.page.goto('./#/settings');
    await expect(this.page.getByTestId('settings')).toBeVisible();
  }

  /** Adds a person on the rating page; `level` is 主体责任 / 第一责任 / 直接责任 / 领导责任. */
  async addPerson(name: string, post: string, level: string) {
    const levelLabels: Record<string, string> = {
      主体责任: '主体责任（局领导班子）',
      第一责任: '第一责任（党组书记）',
      直接责任: '直接责任（分管领导）',
      领导责任: '领导责任（领导班子其他成员）',
    };
    const form = this.page.getByRole('form', { name: '添加参评人员' });
    await form.getByLabel('姓名').fill(name);
    await form.getByLabel('职务').fill(post);
    await form.getByLabel('责任层级').selectOption({ label: levelLabels[level] ?? level });
    await form.getByRole('button', { name: '添加人员' }).click();
  }

  /** Chooses whom the rating cells are for. */
  async ratePerson(name: string) {
    await this.page.getByRole('group', { name: '选择评分对象' }).getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByTestId('result-card').getByRole('heading')).toContainText(name);
  }

  async addPeer(name: string) {
    const form = this.page.getByRole('form', { name: '添加互评人' });
    await form.getByLabel('互评人姓名').fill(name);
    await form.getByRole('button', { name: '添加互评人' }).click();
    await expect(this.peerRaters()).toContainText(name);
  }

  /** The department's list of 互评 raters on the rating page. */
  peerRaters() {
    return this.page.getByTestId('peer-raters');
  }

  /** Sets the cell labelled e.g. "勤·互评·王五" to a grade (优秀 / 称职 / 基本称职 / 不称职 / 未评) or a score. */
  async rate(cell: string, value: string | number) {
    const gradeKeys: Record<string, string> = { 未评: '', 优秀: 'excellent', 称职: 'competent', 基本称职: 'basically_competent', 不称职: 'incompetent' };
    const select = this.page.getByLabel(cell, { exact: true });
    if (typeof value === 'number') {
      await select.selectOption('score');
      await this.page.getByLabel(`${cell} 分数`, { exact: true }).fill(String(value));
    } else {
      await select.selectOption(gradeKeys[value]);
    }
  }

  /** The row of a person in 评分结果一览. */
  summaryRow(name: string) {
    return this.page.getByTestId(`row-${name}`);
  }

  /** A field of the rating settings form in 设置, by its group (legend) and label. */
  ratingSetting(group: string, label: string) {
    return this.page.getByRole('group', { name: group, exact: true }).getByLabel(label, { exact: true });
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
