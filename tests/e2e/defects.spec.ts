import { test, expect, AppPage } from './fixtures';

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
