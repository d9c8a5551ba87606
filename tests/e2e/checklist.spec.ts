import { test, expect } from './fixtures';

test.describe('the guided self-check', () => {
  test('a new user sets up, answers three chapters, reloads and finds everything', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '文化市场科', filledBy: '李四', year: '2024' });

    // Chapter 四（一）: two tasks done, one partial, one quota.
    await app.openChapter('4.1');
    await app.answer('4.1.1', '已落实');
    await app.answer('4.1.2', '部分落实');
    await app.item('4.1.2').getByLabel('落实情况说明').fill('上半年已安排一次专题学习');
    await app.answer('4.1.3', '已落实');
    await expect(app.item('4.1.1')).toContainText('每年至少 2 次');
    await app.expectSaved();

    // Chapter 四（六）: 不适用 needs a reason — refused with a message until one is given.
    await app.openChapter('4.6');
    await app.answer('4.6.6', '不适用');
    await expect(app.item('4.6.6').getByTestId('item-error')).toContainText('选择“不适用”时必须填写原因');
    await expect(page.getByTestId('count-4.6')).toHaveText('0/6');
    await app.item('4.6.6').getByLabel('原因（必填）').fill('本县境内无伏羲文化资源');
    await expect(app.item('4.6.6').getByTestId('item-error')).toHaveCount(0);
    await expect(page.getByTestId('count-4.6')).toHaveText('1/6');

    // Chapter 七: a red line that occurred needs a description and a date.
    await app.openChapter('7');
    await app.answer('7.1', '未发生');
    await app.answer('7.5', '已发生');
    await expect(app.item('7.5').getByTestId('item-error')).toContainText('必须说明具体情况');
    await app.item('7.5').getByLabel('具体情况（必填）').fill('所属公众号转发错误导向文章');
    await expect(app.item('7.5').getByTestId('item-error')).toContainText('发生日期');
    await app.item('7.5').getByLabel('发生日期（必填）').fill('2024-05-06');
    await expect(app.item('7.5').getByTestId('item-error')).toHaveCount(0);
    await app.expectSaved();

    const check = async () => {
      await app.openChapter('4.1');
      await expect(app.item('4.1.1').getByRole('radio', { name: '已落实' })).toBeChecked();
      await expect(app.item('4.1.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
      await expect(app.item('4.1.2').getByLabel('落实情况说明')).toHaveValue('上半年已安排一次专题学习');
      await app.openChapter('4.6');
      await expect(app.item('4.6.6').getByRole('radio', { name: '不适用' })).toBeChecked();
      await expect(app.item('4.6.6').getByLabel('原因（必填）')).toHaveValue('本县境内无伏羲文化资源');
      await app.openChapter('7');
      await expect(app.item('7.5').getByRole('radio', { name: '已发生' })).toBeChecked();
      await expect(app.item('7.5').getByLabel('发生日期（必填）')).toHaveValue('2024-05-06');
      await page.goto('./#/overview');
      await expect(page.getByTestId('answered-count')).toHaveText(/^6 \/ \d+$/);
      await expect(page.getByTestId('red-line-status')).toHaveText('已发生 1 项');
      await expect(page.getByTestId('red-line-unanswered')).toHaveText('已作答 2 项，尚有 8 项未作答');
      await expect(page.getByTestId('red-line-warning')).toContainText('7.5');
      // The warning stands above every page, not only 总览.
      for (const hash of ['#/checklist/3', '#/plan', '#/settings']) {
        await page.goto(`./${hash}`);
        await expect(page.getByTestId('red-line-banner')).toContainText('本单位有 1 项责任追究情形已发生（7.5）');
      }
      await page.goto('./#/overview');
      await expect(page.getByTestId('progress-4.1')).toContainText('3/9');
      return page.getByTestId('checklist-score').textContent();
    };
    const before = await check();
    // 4.1: 2+1+2 of 18, 4.6: item 6 not applicable, 7: 2 of 20 → 7 / 98 applicable points.
    expect(before).toBe((Math.round(1000 * 7 / 98) / 10).toFixed(1));
    await page.reload();
    expect(await check()).toBe(before);
  });

  test('"下一项未填" walks across chapters and filters narrow the list', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    await app.openChapter('3');
    for (const id of ['3.1', '3.2', '3.3']) await app.answer(id, '已落实');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/3\/3\.4$/);
    await expect(app.item('3.4')).toBeFocused();
    await app.answer('3.4', '部分落实');
    await page.getByTestId('next-unanswered').click();
    await expect(page).toHaveURL(/#\/checklist\/4\.1\/4\.1\.1$/);

    await page.getByRole('button', { name: '部分落实', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('筛选：部分落实');
    await expect(page.locator('.item-card')).toHaveCount(1);
    await expect(app.item('3.4')).toBeVisible();

    // An overdue item: a deadline in the past, not done.
    await page.getByRole('button', { name: '全部', exact: true }).click();
    await app.item('4.1.1').locator('summary').click();
    await app.item('4.1.1').getByLabel('完成时限').fill('2020-01-31');
    await page.getByRole('button', { name: '已逾期', exact: true }).click();
    await expect(page.locator('.item-card')).toHaveCount(1);
    await expect(app.item('4.1.1')).toBeVisible();
    await page.goto('./#/overview');
    await expect(page.getByTestId('overdue-list')).toContainText('4.1.1');
  });

  test('evidence, owner and the 待核实 flag are kept', async ({ app, page }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    await app.openChapter('6');
    const card = app.item('6.5');
    await app.answer('6.5', '已落实');
    await card.locator('summary').click();
    await card.getByRole('button', { name: '添加佐证材料' }).click();
    await card.getByLabel('材料名称').fill('专题督查报告');
    await card.getByLabel('存放位置').fill('办公室档案柜 A3');
    await card.getByLabel('文号').fill('文广党〔2024〕12号');
    await card.getByLabel('责任人').fill('王五');
    await card.getByLabel('待核实').check();
    await app.expectSaved();
    await page.reload();
    await card.locator('summary').click();
    await expect(card.getByLabel('材料名称')).toHaveValue('专题督查报告');
    await expect(card.getByLabel('文号')).toHaveValue('文广党〔2024〕12号');
    await expect(card.getByLabel('责任人')).toHaveValue('王五');
    await expect(card.getByLabel('待核实')).toBeChecked();
  });
});
