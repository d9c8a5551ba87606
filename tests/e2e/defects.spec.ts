import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations } from './a11y';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The defects found when the app was tried as its users would (issue 9), each reproduced through
// clicks and typing in the real page. Each test failed before its fix.

const office = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

async function start(app: AppPage) {
  await app.open();
  await app.completeSetup(office);
}

test.describe('red lines on 总览', () => {
  test('unanswered is not 未发生', async ({ app, page }) => {
    await start(app);
    await page.goto('./#/overview');
    await expect(page.getByTestId('red-line-status')).toHaveText('尚未作答');
    await app.openChapter('7');
    await app.answer('7.1', '未发生');
    await page.goto('./#/overview');
    await expect(page.getByTestId('red-line-status')).toHaveText('已作答 1 项，尚有 9 项未作答');
    await app.openChapter('7');
    for (const n of [2, 3, 4, 5, 6, 7, 8, 9, 10]) await app.answer(`7.${n}`, '未发生');
    await page.goto('./#/overview');
    await expect(page.getByTestId('red-line-status')).toHaveText('均未发生');
  });
});

test.describe('an unfinished answer is never dropped', () => {
  test('不适用 without a reason survives a reload and another chapter, and says it is not saved', async ({ app, page }) => {
    await start(app);
    await app.openChapter('4.6');
    await app.answer('4.6.6', '不适用');
    await expect(app.item('4.6.6').getByTestId('item-error')).toContainText('尚未保存');
    await page.reload();
    await expect(app.item('4.6.6').getByRole('radio', { name: '不适用' })).toBeChecked();
    await expect(app.item('4.6.6').getByTestId('item-error')).toContainText('选择“不适用”时必须填写原因');
    await app.openChapter('4.1');
    await app.answer('4.1.3', '未落实');
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).toContainText('4.6.6');
    await expect(page.getByTestId('drafts')).toContainText('4.1.3');
    await app.openChapter('4.6');
    await expect(app.item('4.6.6').getByRole('radio', { name: '不适用' })).toBeChecked();
    await app.item('4.6.6').getByLabel('原因（必填）').fill('本县境内无伏羲文化资源');
    await expect(app.item('4.6.6').getByTestId('item-error')).toHaveCount(0);
    await page.goto('./#/overview');
    await expect(page.getByTestId('drafts')).not.toContainText('4.6.6');
    await expect(page.getByTestId('drafts')).toContainText('4.1.3');
  });

  test('a draft can be discarded, which puts back what was stored', async ({ app }) => {
    await start(app);
    await app.openChapter('4.1');
    await app.answer('4.1.3', '已落实');
    await app.expectSaved();
    await app.answer('4.1.3', '未落实');
    await app.item('4.1.3').getByRole('button', { name: '放弃这次修改' }).click();
    await expect(app.item('4.1.3').getByRole('radio', { name: '已落实' })).toBeChecked();
    await expect(app.item('4.1.3').getByTestId('item-error')).toHaveCount(0);
  });
});

test('keyboard: a new evidence row takes the focus', async ({ app, page }) => {
  await start(app);
  await app.openChapter('3');
  const item = app.item('3.1');
  await item.getByText('佐证材料、责任人与时限').click();
  await item.getByRole('button', { name: '添加佐证材料' }).focus();
  await page.keyboard.press('Enter');
  await expect(item.getByLabel('材料名称')).toBeFocused();
  await page.keyboard.type('党组会议纪要');
  await expect(item.getByLabel('材料名称')).toHaveValue('党组会议纪要');
  await expect(item.getByLabel('责任人')).toHaveValue('');
});

test.describe('下一项未填', () => {
  test('goes to the next unanswered item of the chapter being read, then after the item in hand', async ({ app, page }) => {
    await start(app);
    await app.openChapter('4.1');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/4\.1\/4\.1\.1$/);
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '已落实');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/4\.1\/4\.1\.3$/);
    // At the end of the plan it wraps round to the start.
    await app.openChapter('7');
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) await app.answer(`7.${n}`, '未发生');
    await page.goto('./#/checklist/7/7.9');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/7\/7\.10$/);
    await app.answer('7.10', '未发生');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/3\/3\.1$/);
  });
});

test('an overdue item is marked on its card, and 总览 lists its due date and owner', async ({ app, page }) => {
  await start(app);
  await app.openChapter('4.2');
  const item = app.item('4.2.3');
  await app.answer('4.2.3', '部分落实');
  await item.getByText('佐证材料、责任人与时限').click();
  await item.getByLabel('责任人').fill('李四');
  await item.getByLabel('完成时限').fill('2024-03-31');
  await expect(item.getByTestId('overdue-badge')).toContainText('已逾期（完成时限 2024-03-31）');
  await page.goto('./#/overview');
  await expect(page.getByTestId('overdue-list')).toContainText('4.2.3');
  await expect(page.getByTestId('overdue-list')).toContainText('完成时限 2024-03-31，责任人 李四');
});

test('方案原文 names the chapter each link leads to', async ({ app, page }) => {
  await start(app);
  await page.goto('./#/plan');
  const links = page.getByTestId('plan-text').locator('.to-checklist a');
  const texts = await links.allTextContents();
  expect(texts.length).toBeGreaterThan(8);
  expect(new Set(texts).size).toBe(texts.length);
  expect(texts.join()).not.toContain('此章');
  expect(texts).toContain('填写“四（三） 营造全面建设小康社会的良好氛围”的自查');
});

test.describe('two tabs of one browser', () => {
  const note = (app: AppPage, id: string) => app.item(id).getByLabel('落实情况说明');
  const stored = (app: AppPage, id: string) =>
    app.page.evaluate((key) => {
      const text = localStorage.getItem(key);
      return text ? JSON.parse(text).data?.note : null;
    }, `zrz3.r.answers/${id}`);

  test('edits to different items at the same instant all survive, in both tabs and in storage', async ({ app, context }) => {
    await start(app);
    const other = new AppPage(await context.newPage());
    await app.openChapter('3');
    await other.openChapter('3');
    for (let round = 0; round < 8; round++) {
      await Promise.all([note(app, '3.1').fill(`甲${round}`), note(other, '3.2').fill(`乙${round}`)]);
    }
    for (const tab of [app, other]) {
      await expect(note(tab, '3.1')).toHaveValue('甲7');
      await expect(note(tab, '3.2')).toHaveValue('乙7');
    }
    expect(await stored(app, '3.1')).toBe('甲7');
    expect(await stored(app, '3.2')).toBe('乙7');
    await app.page.reload();
    await expect(note(app, '3.1')).toHaveValue('甲7');
    await expect(note(app, '3.2')).toHaveValue('乙7');
  });

  test('the same note edited in both at once ends the same in both, and the other text is offered', async ({ app, context }) => {
    await start(app);
    const other = new AppPage(await context.newPage());
    await app.openChapter('3');
    await other.openChapter('3');
    await Promise.all([note(app, '3.3').fill('甲窗口的说明'), note(other, '3.3').fill('乙窗口的说明')]);
    // Leave the fields, as a user does when done.
    await app.page.getByRole('heading', { level: 1 }).click();
    await other.page.getByRole('heading', { level: 1 }).click();
    // Both tabs show the same text, and storage holds it (before, each showed the other's).
    await expect.poll(async () => (await note(app, '3.3').inputValue()) === (await note(other, '3.3').inputValue())).toBe(true);
    const kept = await note(app, '3.3').inputValue();
    expect(['甲窗口的说明', '乙窗口的说明']).toContain(kept);
    await expect.poll(() => stored(app, '3.3')).toBe(kept);
    // The text that did not stand is offered, not gone: in whichever tab was told.
    const notices = [app, other].map((tab) => tab.page.getByTestId('sync-notes'));
    await expect.poll(async () => (await notices[0].count()) + (await notices[1].count())).toBeGreaterThan(0);
    const told = (await notices[0].count()) > 0 ? app : other;
    await expect(told.page.getByTestId('sync-notes')).toContainText('检查项 3.3');
    await told.page.getByTestId('sync-notes').getByRole('button', { name: '改用另一版本' }).first().click();
    const otherText = kept === '甲窗口的说明' ? '乙窗口的说明' : '甲窗口的说明';
    for (const tab of [app, other]) await expect(note(tab, '3.3')).toHaveValue(otherText);
  });

  test('while typing in one tab, the other tab’s write does not replace the text being typed', async ({ app, context }) => {
    await start(app);
    const other = new AppPage(await context.newPage());
    await app.openChapter('3');
    await other.openChapter('3');
    await note(app, '3.4').click();
    await app.page.keyboard.type('正在输入');
    await note(other, '3.4').fill('另一窗口写入');
    await other.page.getByRole('heading', { level: 1 }).click();
    await expect(app.page.getByTestId('sync-notes')).toContainText('检查项 3.4');
    await expect(note(app, '3.4')).toHaveValue('正在输入');
    await app.page.keyboard.type('的内容');
    await app.page.getByRole('heading', { level: 1 }).click();
    for (const tab of [app, other]) await expect(note(tab, '3.4')).toHaveValue('正在输入的内容');
  });

  test('a storage event that arrives late never undoes a newer edit', async ({ app }) => {
    await start(app);
    await app.openChapter('3');
    await note(app, '3.1').fill('旧的说明');
    await app.expectSaved();
    const older = await app.page.evaluate(() => localStorage.getItem('zrz3.r.answers/3.1'));
    await note(app, '3.1').fill('新的说明');
    await app.expectSaved();
    // Another tab's event carrying the older version, delivered late.
    await app.page.evaluate((oldValue) => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'zrz3.r.answers/3.1', newValue: oldValue, storageArea: localStorage }));
    }, older);
    await app.page.waitForTimeout(200);
    await expect(note(app, '3.1')).toHaveValue('新的说明');
    expect(await stored(app, '3.1')).toBe('新的说明');
    // Even when the store itself was left holding the older version.
    await app.page.evaluate((oldValue) => {
      localStorage.setItem('zrz3.r.answers/3.1', oldValue!);
      window.dispatchEvent(new StorageEvent('storage', { key: 'zrz3.r.answers/3.1', newValue: oldValue, storageArea: localStorage }));
    }, older);
    await expect.poll(() => stored(app, '3.1')).toBe('新的说明');
    await expect(note(app, '3.1')).toHaveValue('新的说明');
  });
});

// ---- Import and export (#9.1, 9.2, 9.7, 9.11, 9.12, 9.13), through the 导入导出 page.

const exchangeFixture = () =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'exchange', 'v3_assessment.json'), 'utf8'));
const jsonFile = (name: string, body: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body, null, 2), 'utf8'),
});

async function freshBrowser(app: AppPage) {
  await app.open();
  const chooser = app.page.getByTestId('role-department');
  if (await chooser.isVisible()) await chooser.click();
  await app.openExchange();
}

test.describe('importing files', () => {
  test('#9.1 a second department’s file is refused with the reason before anything is applied', async ({ app, page }) => {
    await freshBrowser(app);
    await app.importFile(jsonFile('办公室.json', exchangeFixture()));
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toContainText('已导入');
    await expect.poll(() => app.storedState()).toContain('李四');
    const before = await app.storedState();

    const other = exchangeFixture();
    other.department = '宣传科';
    other.content.profile.department = '宣传科';
    other.content.profile.filled_by = '陈红';
    other.content.people[0].name = '陈红';
    await app.importFile(jsonFile('宣传科.json', other));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    const error = page.getByTestId('import-error');
    await expect(error).toContainText('宣传科.json');
    await expect(error).toContainText('另一个科室');
    await expect(error).toContainText('不能合并到一起');
    await expect(page.getByTestId('merge-preview')).toHaveCount(0);
    // A department's browser is not offered the office's 汇总.
    await expect(page.getByTestId('to-summary')).toHaveCount(0);
    expect(await app.storedState()).toBe(before);

    // Another year is refused too.
    const nextYear = exchangeFixture();
    nextYear.year = 2026;
    nextYear.content.profile.year = 2026;
    await app.importFile(jsonFile('明年.json', nextYear));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('import-error')).toContainText('另一个年度');
    expect(await app.storedState()).toBe(before);

    // A browser that also receives the office's files is sent to 汇总 instead.
    await page.evaluate(() => localStorage.setItem('zrz.role', 'both'));
    await page.reload();
    await expect(page.getByTestId('exchange')).toBeVisible();
    await app.importFile(jsonFile('宣传科.json', other));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    await expect(page.getByTestId('import-error')).toContainText('另一个科室');
    await expect(page.getByTestId('to-summary')).toHaveAttribute('href', /#\/summary$/);
    expect(await app.storedState()).toBe(before);
  });

  test('#9.2 a sanitised file opens read only and is never merged', async ({ app, page }) => {
    await freshBrowser(app);
    const before = await app.storedState();
    const sanitised = exchangeFixture();
    // `sanitized` is a header field, outside the checksum.
    sanitised.sanitized = true;
    await app.importFile(jsonFile('脱敏.json', sanitised));
    await expect(page.getByTestId('read-only-view')).toContainText('只读查看');
    await expect(page.getByTestId('read-only-view')).toContainText('3.1');
    await expect(page.getByRole('button', { name: '应用导入' })).toHaveCount(0);
    expect(await app.storedState()).toBe(before);
  });

  test('#9.7 the preview speaks a clerk’s language, and offers no "newer side" when times are unknown', async ({ app, page }) => {
    await freshBrowser(app);
    await app.importFile(jsonFile('办公室.json', exchangeFixture()));
    const preview = page.getByTestId('merge-preview');
    await expect(preview).toBeVisible();
    // Names, not ids; no JSON; the item's number and text.
    await expect(page.getByTestId('group-people')).toContainText('李四');
    await expect(preview).not.toContainText('p-9g3bwhz3wdc8v');
    await expect(preview).not.toContainText('{"');
    await expect(page.getByTestId('group-ratings')).toContainText('李四 · 德 · 自评');
    await expect(page.getByTestId('row-answers-4.1.1')).toContainText('4.1.1');
    await expect(page.getByTestId('row-answers-4.1.1')).toContainText('部分落实');
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();

    // The same file with 3.1 changed and its edit time gone, against 3.1 changed here.
    await app.openChapter('3');
    await app.answer('3.1', '未落实');
    await app.item('3.1').getByLabel('原因（必填）').fill('本机的原因');
    await app.expectSaved();
    await app.openExchange();
    const undated = exchangeFixture();
    undated.content.answers['3.1'] = { ...undated.content.answers['3.1'], response: 'partial', note: '文件中的说明' };
    for (const a of Object.values(undated.content.answers) as any[]) delete a.updated_at;
    await app.importFile(jsonFile('无时间.json', undated));
    await page.getByRole('button', { name: '确认内容无误，继续' }).click();
    const conflict = page.getByTestId('row-answers-3.1');
    await expect(conflict).toContainText('冲突');
    await expect(conflict).toContainText('修改时间未记录');
    await expect(conflict).toContainText('文件中的说明');
    await expect(page.getByRole('button', { name: '全部采用较新的一方' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '全部保留本机' })).toBeVisible();
    // Only the records that differ are listed; the rest are folded.
    await expect(page.getByTestId('row-answers-7.1')).toHaveCount(0);
    // Chosen field by field: the file's 答复 and 说明, this browser's 原因.
    const apply = page.getByRole('button', { name: '应用导入' });
    await expect(apply).toBeDisabled();
    await conflict.locator('summary').click();
    await expectNoAxeViolations(page, undefined, 'per-field conflict choice');
    await conflict.getByRole('group', { name: '答复', exact: true }).getByLabel(/^文件：/).check();
    await expect(apply).toBeDisabled();
    // The whole record from the file, then one field back from this browser.
    await conflict.getByLabel('采用文件', { exact: true }).check();
    await expect(apply).toBeEnabled();
    await conflict.getByRole('group', { name: '原因', exact: true }).getByLabel(/^本机：/).check();
    await expect(conflict.getByLabel('采用文件', { exact: true })).not.toBeChecked();
    await expect(apply).toBeEnabled();
    await apply.click();
    await expect(page.getByTestId('import-result')).toContainText('冲突 1 项');
    const exported = JSON.parse((await app.exportFile('导出自评文件')).text);
    expect(exported.content.answers['3.1']).toMatchObject({ response: 'partial', note: '文件中的说明', reason: '本机的原因' });
  });

  test('#9.11 wording: a text file is "not one of this app’s files", a cut UTF-8 file is not GBK, an undo is not "never imported"', async ({ app, page }) => {
    await freshBrowser(app);
    await app.importFile({ name: '笔记.txt', mimeType: 'text/plain', buffer: Buffer.from('会议记录：下周一学习', 'utf8') });
    const error = page.getByTestId('import-error');
    await expect(error).toContainText('这不是本应用导出的文件');
    await expect(error).not.toContainText('语法错误');
    const cut = Buffer.from(JSON.stringify(exchangeFixture()), 'utf8');
    // Cut inside the three bytes of a Chinese character.
    const at = cut.indexOf(Buffer.from('李', 'utf8')) + 1;
    await app.importFile({ name: '截断.json', mimeType: 'application/json', buffer: cut.subarray(0, at) });
    await expect(page.getByTestId('import-error')).toContainText('截断.json');
    await expect(page.getByTestId('import-error')).not.toContainText('GBK');

    await app.importFile(jsonFile('办公室.json', exchangeFixture()));
    await page.getByRole('button', { name: '应用导入' }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await page.getByRole('button', { name: '撤销上次导入' }).click();
    await expect(page.getByTestId('undo-result')).toContainText('已撤销');
    await expect(page.getByTestId('undo-status')).not.toContainText('还没有导入过文件');
    await expect(page.getByTestId('undo-status')).toContainText('已撤销 1 次导入');
  });

  test('#9.12 in a fresh browser the untouched default settings are not a side of a conflict', async ({ app, page }) => {
    await freshBrowser(app);
    await app.importFile(jsonFile('办公室.json', exchangeFixture()));
    await expect(page.getByTestId('merge-counts')).toContainText('冲突 0 项');
    await expect(page.getByTestId('group-rating_settings')).not.toContainText('冲突');
    await expect(page.getByRole('button', { name: '应用导入' })).toBeEnabled();
  });

  test('#9.13 bidi and zero-width characters never reach a file name', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '\u202egnp.exe', department: '办\u200b公室', filledBy: '张三', year: '2025' });
    await app.openExchange();
    const exported = await app.exportFile('导出自评文件');
    expect(exported.name).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(exported.name).toMatch(/^意识形态责任制自评_gnp\.exe_办公室_2025_\d{8}\.json$/);
  });

  test('a record left by the state upgrade appears in the undo history', async ({ app, page }) => {
    const legacy = readFileSync(join(__dirname, '..', 'fixtures', 'state', 'v1.json'), 'utf8');
    await app.open();
    await page.evaluate((text) => localStorage.setItem('zrz.legacy.v1', text), legacy);
    const chooser = page.getByTestId('role-department');
    if (await chooser.isVisible()) await chooser.click();
    await app.openExchange();
    await expect(page.getByTestId('undo-last')).toContainText('升级到新版存储之前的数据');
    await expect(page.getByRole('button', { name: '撤销上次导入' })).toBeEnabled();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('zrz.legacy.v1'))).toBeNull();
    await page.reload();
    await expect(page.getByTestId('undo-last')).toContainText('升级到新版存储之前的数据');
  });
});
