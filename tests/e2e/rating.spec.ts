import { execFileSync } from 'node:child_process';
import { test, expect, AppPage } from './fixtures';
import type { Page } from '@playwright/test';

// Default settings: 德15 能10 勤30 绩30 廉15; 自评20 互评30 上级评价50; 优秀95 称职80 基本称职65 不称职55;
// bands 优秀 ≥ 90, 称职 ≥ 75, 基本称职 ≥ 60; red lines are borne by 主体责任 and 第一责任 (and the named 责任人);
// at most 15% 优秀, to the nearest person and at least one.
//
// 张三 (第一责任): 上级评价 优秀 on 德能绩廉, 85 on 勤; 勤 also 自评 70 and 互评 王五 称职, 赵六 70.
//   勤 = 70×20% + (80+70)/2×30% + 85×50% = 14 + 22.5 + 42.5 = 79.0
//   the other four have only 上级评价, renormalised to 100%: 95.0 each
//   total = (15×95 + 10×95 + 30×79 + 30×95 + 15×95) / 100 = 9020 / 100 = 90.2 → 优秀
// 李四 (直接责任): 上级评价 称职 on all five → 80.0 → 称职.
// 互评 raters are the department's: the cadres rate each other (李四 could rate 张三 and does not),
// and 王五 and 赵六 are listed.
const round1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const total = (weights: number[], scores: number[]) => round1(weights.reduce((s, w, i) => s + w * scores[i], 0) / 100);
const zhangScores = [95, 95, 70 * 0.2 + 75 * 0.3 + 85 * 0.5, 95, 95];
const liScores = [80, 80, 80, 80, 80];
const setup = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三', year: '2024' };

async function expectRow(app: AppPage, name: string, totalText: string, grade: string, vetoes = '') {
  const row = app.summaryRow(name);
  await expect(row.getByTestId('total')).toHaveText(totalText);
  await expect(row.getByTestId('grade')).toHaveText(grade);
  await expect(row.getByTestId('vetoes')).toHaveText(vetoes);
}

async function saveSettings(page: Page) {
  await page.getByRole('button', { name: '保存评分设置' }).click();
}

/** 张三 and 李四 rated as in the worked example above. */
async function rateTwo(app: AppPage, page: Page) {
  await app.addPerson('张三', '党组书记、局长', '第一责任');
  await app.addPerson('李四', '副局长', '直接责任');
  await app.addPeer('王五');
  await app.addPeer('赵六');
  await app.ratePerson('张三');
  for (const d of ['德', '能', '绩', '廉']) await app.rate(`${d}·上级评价`, '优秀');
  await app.rate('勤·上级评价', 85);
  await app.rate('勤·自评', 70);
  await app.rate('勤·互评·王五', '称职');
  await app.rate('勤·互评·赵六', 70);
  await app.ratePerson('李四');
  for (const d of ['德', '能', '勤', '绩', '廉']) await app.rate(`${d}·上级评价`, '称职');
  await expect(page.getByTestId('result-card').getByTestId('result-total')).toHaveText('80.0');
}

test.describe('德能勤绩廉 ratings', () => {
  test('rate two people, change the weights, trigger both vetoes, reload and find it all', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openRating();

    // People, with the refusals a form should give.
    const addForm = page.getByRole('form', { name: '添加参评人员' });
    await addForm.getByRole('button', { name: '添加人员' }).click();
    await expect(addForm.getByRole('alert')).toHaveText('请填写姓名');
    await app.addPerson('张三', '党组书记、局长', '第一责任');
    await app.addPerson('李四', '副局长', '直接责任');
    await app.addPerson('张三', '办公室主任', '领导责任');
    await expect(addForm.getByRole('alert')).toContainText('姓名“张三”重复');
    await addForm.getByLabel('姓名').fill('');
    await expect(page.getByTestId('person-张三')).toContainText('第一责任');
    await expect(page.getByTestId('person-李四')).toContainText('直接责任');

    // The cadres rate each other; more 互评 raters are listed for the department.
    await expect(app.peerRaters()).toContainText('张三');
    await expect(app.peerRaters()).toContainText('李四');
    await app.addPeer('王五');
    await app.addPeer('赵六');

    // 张三.
    await app.ratePerson('张三');
    await expect(page.getByLabel('德·互评·李四', { exact: true })).toBeVisible();
    await expect(page.getByLabel('德·互评·张三', { exact: true })).toHaveCount(0);
    for (const d of ['德', '能', '绩', '廉']) await app.rate(`${d}·上级评价`, '优秀');
    await app.rate('勤·上级评价', 85);
    // A score outside 0–100 is refused and not stored.
    await app.rate('勤·自评', 105);
    const qin = page.getByTestId('dimension-qin');
    await expect(qin.getByRole('alert')).toContainText('分数 105 超出范围，请填写 0 到 100 之间的分数');
    await expect(qin.getByRole('alert')).toContainText('尚未保存');
    await expect(qin.getByTestId('dimension-score')).toHaveText('85.0');
    await app.rate('勤·自评', 70);
    await expect(qin.getByRole('alert')).toHaveCount(0);
    await app.rate('勤·互评·王五', '称职');
    await app.rate('勤·互评·赵六', 70);
    await expect(qin.getByTestId('dimension-score')).toHaveText(round1(zhangScores[2]));
    const card = page.getByTestId('result-card');
    await expect(card.getByTestId('result-total')).toHaveText(total([15, 10, 30, 30, 15], zhangScores));
    await expect(card.getByTestId('result-total')).toHaveText('90.2');
    await expect(card.getByTestId('result-grade')).toHaveText('优秀');
    await expect(card.getByRole('img')).toHaveAttribute('aria-label', '五个维度得分雷达图：德 95.0，能 95.0，勤 79.0，绩 95.0，廉 95.0');
    await expect(card).toContainText('权重已按已有评价主体折算为 100%：德（缺自评、互评）');
    await card.getByText('如何计算').click();
    const steps = card.getByTestId('steps');
    await expect(steps).toContainText('勤·互评：王五 称职（80.0）、赵六 70.0，2 人平均 75.0');
    await expect(steps).toContainText('勤 维度得分 = 自评 70.0×20% + 互评 75.0×30% + 上级评价 85.0×50% = 79.0');
    await expect(steps).toContainText('总分 = 德 95.0×15% + 能 95.0×10% + 勤 79.0×30% + 绩 95.0×30% + 廉 95.0×15% = 90.2');
    await expect(steps).toContainText('最终等次：优秀');

    // 李四.
    await app.ratePerson('李四');
    for (const d of ['德', '能', '勤', '绩', '廉']) await app.rate(`${d}·上级评价`, '称职');
    await expect(card.getByTestId('result-total')).toHaveText(total([15, 10, 30, 30, 15], liScores));
    await expect(card.getByTestId('result-grade')).toHaveText('称职');

    // All people: figures, the share of 优秀 (2 × 15% = 0.3 allows one), sorting.
    await expectRow(app, '张三', '90.2', '优秀');
    await expectRow(app, '李四', '80.0', '称职');
    await expect(app.summaryRow('张三').getByTestId('dim-qin')).toHaveText('79.0');
    await expect(page.getByTestId('excellent-share')).toContainText('优秀 1 人，占 50.0%，未超过上限 15%（2 人中最多 1 人：2 × 15% = 0.3，四舍五入，不足 1 人按 1 人）');
    const table = page.getByTestId('summary-table');
    const firstName = () => table.locator('tbody tr').first().locator('th');
    await table.getByRole('button', { name: '总分' }).click();
    await expect(firstName()).toHaveText('张三');
    await expect(table.locator('th', { has: page.getByRole('button', { name: '总分' }) })).toHaveAttribute('aria-sort', 'descending');
    await table.getByRole('button', { name: '总分' }).click();
    await expect(firstName()).toHaveText('李四');
    await table.getByRole('button', { name: '姓名' }).click();
    await expect(table.locator('tbody tr').nth(1).locator('th')).toHaveText(['张三', '李四'].sort()[1]);

    // Change a weight in 设置: 勤 40, 绩 20 → 张三 = (1425 + 950 + 40×79 + 20×95 + 1425) / 100 = 88.6 → 称职.
    await app.openSettings();
    await app.ratingSetting('维度权重（%，合计应为 100）', '勤').fill('40');
    await expect(page.getByTestId('dimension-weight-sum')).toHaveText('合计 110');
    await app.ratingSetting('维度权重（%，合计应为 100）', '绩').fill('20');
    await expect(page.getByTestId('dimension-weight-sum')).toHaveText('合计 100');
    await saveSettings(page);
    await expect(page.getByTestId('settings-status')).toContainText('评分设置已保存');
    await app.openRating();
    await expect(page.getByTestId('settings-summary')).toContainText('德 15%、能 10%、勤 40%、绩 20%、廉 15%');
    await expectRow(app, '张三', total([15, 10, 40, 20, 15], zhangScores), '称职');
    await expectRow(app, '张三', '88.6', '称职');
    await expectRow(app, '李四', '80.0', '称职');
    await expect(page.getByTestId('excellent-share')).toContainText('优秀 0 人，占 0.0%，未超过上限 15%');
    // The listed raters were not touched by saving the settings.
    await expect(app.peerRaters()).toContainText('王五');

    // Invalid settings are refused with what to fix; the last valid ones stay in force.
    await app.openSettings();
    await app.ratingSetting('维度权重（%，合计应为 100）', '德').fill('20');
    await saveSettings(page);
    await expect(page.getByTestId('settings-error')).toContainText('德能勤绩廉五项权重之和为 105（德 20、能 10、勤 40、绩 20、廉 15），应为 100，请调整');
    await expect(app.ratingSetting('维度权重（%，合计应为 100）', '德')).toHaveAttribute('aria-invalid', 'true');
    await app.ratingSetting('维度权重（%，合计应为 100）', '德').fill('15');
    await app.ratingSetting('总分等次分数段（下限 ≤ 总分 < 上限；优秀档含 100）', '称职档上限').fill('92');
    await saveSettings(page);
    await expect(page.getByTestId('settings-error')).toContainText('称职档上限 92 高于优秀档下限 90，两档在 90–92 分重叠；请把称职档上限改为 90');
    await app.ratingSetting('等次对应分（按等次评价时计入的分数）', '优秀').fill('101');
    await expect(page.getByTestId('settings-dirty')).toBeVisible();
    await page.getByRole('button', { name: '放弃修改' }).click();
    await expect(app.ratingSetting('总分等次分数段（下限 ≤ 总分 < 上限；优秀档含 100）', '称职档上限')).toHaveValue('90');
    await expect(app.ratingSetting('等次对应分（按等次评价时计入的分数）', '优秀')).toHaveValue('95');
    await app.openRating();
    await expectRow(app, '张三', '88.6', '称职');
    await expectRow(app, '李四', '80.0', '称职');

    // The 廉 veto: 李四 廉 50 → total (1200 + 800 + 3200 + 1600 + 15×50) / 100 = 75.5, 称职 by the bands, 不称职 by the veto.
    await app.ratePerson('李四');
    await app.rate('廉·上级评价', 50);
    await expect(card.getByTestId('result-total')).toHaveText(total([15, 10, 40, 20, 15], [80, 80, 80, 80, 50]));
    await expect(card.getByTestId('result-grade')).toHaveText('不称职');
    await expect(card.getByTestId('result-vetoes')).toContainText('廉 维度得分 50.0 属不称职档（低于 60），一票否决：等次定为不称职');
    await expectRow(app, '李四', '75.5', '不称职', '廉不称职');

    // A red line that occurred, with 李四 as 责任人: it caps 张三 (第一责任, by level) and 李四 (by name).
    await app.openChapter('7');
    await app.answer('7.3', '已发生');
    await app.item('7.3').getByLabel('具体情况（必填）').fill('辖区内发生由意识形态问题引发的群体性事件');
    await app.item('7.3').getByLabel('发生日期（必填）').fill('2024-05-06');
    await app.item('7.3').locator('summary').click();
    await app.item('7.3').getByLabel('责任人').fill('李四');
    await expect(app.item('7.3').getByTestId('item-error')).toHaveCount(0);
    await app.expectSaved();
    await app.openRating();
    await expectRow(app, '张三', '88.6', '基本称职', '红线 7.3');
    await expectRow(app, '李四', '75.5', '不称职', '红线 7.3、廉不称职');
    await app.ratePerson('张三');
    await expect(card.getByTestId('result-vetoes')).toContainText('红线 7.3 已发生，张三负第一责任，一票否决：等次最高为基本称职（等次由称职降为基本称职）');
    await expect(card).toContainText('总分对应称职，因一票否决定为基本称职');
    // The evidence beside 廉 shows the red line.
    const lian = page.getByTestId('dimension-lian');
    await expect(lian.locator('.indicator', { hasText: '无责任追究情形' })).toContainText('红线情形已发生');
    await app.ratePerson('李四');
    await expect(card.getByTestId('result-vetoes')).toContainText('红线 7.3 已发生，李四为该项所列责任人，一票否决：等次最高为基本称职（等次由称职降为基本称职）');

    // Reload: everything is still there.
    await page.reload();
    await expect(page.getByTestId('rating')).toBeVisible();
    await expectRow(app, '张三', '88.6', '基本称职', '红线 7.3');
    await expectRow(app, '李四', '75.5', '不称职', '红线 7.3、廉不称职');
    await expect(page.getByTestId('settings-summary')).toContainText('勤 40%、绩 20%');
    await app.ratePerson('张三');
    await expect(page.getByLabel('勤·自评', { exact: true })).toHaveValue('score');
    await expect(page.getByLabel('勤·自评 分数', { exact: true })).toHaveValue('70');
    await expect(page.getByLabel('勤·互评·王五', { exact: true })).toHaveValue('competent');
    await expect(page.getByLabel('勤·互评·赵六 分数', { exact: true })).toHaveValue('70');
    await expect(page.getByLabel('德·上级评价', { exact: true })).toHaveValue('excellent');
    await expect(page.getByTestId('result-card').getByTestId('result-total')).toHaveText('88.6');
    await app.openSettings();
    await expect(app.ratingSetting('维度权重（%，合计应为 100）', '勤')).toHaveValue('40');
    await expect(app.ratingSetting('维度权重（%，合计应为 100）', '绩')).toHaveValue('20');
  });

  test('people are edited, and removing one with ratings asks first', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openRating();
    await expect(page.getByText('请先在上方添加参评人员。')).toBeVisible();

    // Without ratings a person goes at once.
    await app.addPerson('王五', '副局长', '领导责任');
    await page.getByTestId('person-王五').getByRole('button', { name: '删除' }).click();
    await expect(page.getByTestId('person-王五')).toHaveCount(0);

    await app.addPerson('张三', '副局长', '直接责任');
    await app.addPerson('李四', '副局长', '领导责任');
    await app.ratePerson('张三');
    await app.rate('德·自评', '优秀');
    await expect(page.getByTestId('person-张三')).toContainText('1 条');
    // 张三 rates 李四 as a colleague.
    await app.ratePerson('李四');
    await app.rate('能·互评·张三', 88);
    await expect(app.peerRaters()).toContainText('张三参评人员已给出 1 条评分');

    // Edit: name and level. The rating 张三 gave follows the new name.
    await page.getByTestId('person-张三').getByRole('button', { name: '修改' }).click();
    const edit = page.getByRole('form', { name: '修改张三的信息' });
    await edit.getByLabel('姓名').fill('张三丰');
    await edit.getByLabel('责任层级').selectOption({ label: '第一责任（党组书记）' });
    await edit.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('person-张三丰')).toContainText('第一责任');
    await expect(page.getByLabel('能·互评·张三丰 分数', { exact: true })).toHaveValue('88');
    await app.ratePerson('张三丰');
    await expect(page.getByTestId('result-card').getByRole('heading')).toContainText('张三丰（副局长，第一责任）');

    // A cadre is a 互评 rater already, and never their own.
    const raterForm = page.getByRole('form', { name: '添加互评人' });
    await raterForm.getByLabel('互评人姓名').fill('张三丰');
    await raterForm.getByRole('button', { name: '添加互评人' }).click();
    await expect(raterForm.getByRole('alert')).toContainText('“张三丰”是参评人员，已参加互评');
    await expect(page.getByLabel('德·互评·张三丰', { exact: true })).toHaveCount(0);

    // Removing asks, naming what goes and what stays, and 取消 keeps everything.
    const row = page.getByTestId('person-张三丰');
    await row.getByRole('button', { name: '删除' }).click();
    await expect(row).toContainText('删除“张三丰”将同时删除其 1 条评分，其给出的 1 条互评仍保留（可在“互评人”中删除）。确定吗？');
    await row.getByRole('button', { name: '取消' }).click();
    await expect(row).toContainText('1 条');
    await row.getByRole('button', { name: '删除' }).click();
    await row.getByRole('button', { name: '确认删除' }).click();
    await expect(page.getByTestId('person-张三丰')).toHaveCount(0);
    await expect(page.getByTestId('result-card').getByRole('heading')).toContainText('李四');
    // The rating 张三丰 gave stays, and with it 张三丰 as a rater known from ratings.
    await expect(app.peerRaters()).toContainText('仅见于评分记录');
    await page.reload();
    await expect(page.getByTestId('person-李四')).toBeVisible();
    await expect(page.getByLabel('能·互评·张三丰 分数', { exact: true })).toHaveValue('88');
  });

  test('a 互评 rater without ratings survives a reload, is renamed and removed with its ratings', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openRating();
    await app.addPerson('张三', '科长', '第一责任');
    await app.addPeer('孙八');
    await expect(page.getByLabel('德·互评·孙八', { exact: true })).toBeVisible();
    await page.reload();
    await expect(app.peerRaters()).toContainText('孙八');
    await expect(page.getByLabel('德·互评·孙八', { exact: true })).toBeVisible();
    await expect(page.getByLabel('德·互评·孙八', { exact: true })).toHaveValue('');

    // Renamed, then rated; both survive a reload.
    await page.getByLabel('互评人“孙八”的姓名').fill('孙九');
    await page.getByLabel('互评人“孙八”的姓名').press('Enter');
    await expect(page.getByLabel('德·互评·孙九', { exact: true })).toBeVisible();
    await app.rate('德·互评·孙九', '称职');
    await app.rate('勤·互评·孙九', 82);
    await page.reload();
    await expect(page.getByLabel('德·互评·孙九', { exact: true })).toHaveValue('competent');
    await expect(app.peerRaters()).toContainText('已给出 2 条评分');

    // A rater of the same name is refused.
    await app.addPerson('李四', '副科长', '领导责任');
    await page.getByLabel('互评人“孙九”的姓名').fill('李四');
    await page.getByLabel('互评人“孙九”的姓名').press('Enter');
    await expect(app.peerRaters().getByRole('alert')).toContainText('“李四”是参评人员');

    // Removing asks first and says how many ratings go.
    await page.reload();
    await app.peerRaters().getByRole('button', { name: '删除互评人“孙九”' }).click();
    await expect(app.peerRaters()).toContainText('删除互评人“孙九”及其 2 条评分？');
    await app.peerRaters().getByRole('button', { name: '取消' }).click();
    await app.peerRaters().getByRole('button', { name: '删除互评人“孙九”' }).click();
    await app.peerRaters().getByRole('button', { name: '确认删除' }).click();
    await expect(page.getByLabel('德·互评·孙九', { exact: true })).toHaveCount(0);
    await page.reload();
    await expect(app.peerRaters()).not.toContainText('孙九');
    await app.ratePerson('张三');
    await expect(page.getByTestId('result-card').getByTestId('result-total')).toHaveText('—');
  });

  test('the printed results table has the names, the headers and the figures', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openRating();
    await rateTwo(app, page);
    const table = page.getByTestId('summary-table');
    await table.getByRole('button', { name: '总分' }).click();
    const path = test.info().outputPath('rating.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['评分结果一览', '姓名', '职务', '责任层级', '总分', '等次', '一票否决', '张三', '李四', '90.2', '80.0', '79.0', '第一责任']) {
      expect(text, `the PDF has ${words}`).toContain(words);
    }
    // The headers print as text: the row of headings reads in order, without the sort arrows.
    expect(text).toMatch(/姓名\s+职务\s+责任层级\s+德\s+能\s+勤\s+绩\s+廉\s+总分\s+等次\s+一票否决/);
    expect(text).not.toContain('↕');
    expect(text).not.toContain('↓');
    // The people table's buttons are not printed; the names are.
    const rows = text.split('\n').filter((line) => line.includes('党组书记、局长'));
    expect(rows.length, 'a row of 张三 in each table').toBeGreaterThanOrEqual(2);
    for (const line of rows) expect(line).not.toMatch(/修改|删除/);
  });

  test('the cap on 优秀 for 3 people reads as the setting says', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openRating();
    for (const name of ['甲', '乙', '丙']) await app.addPerson(name, '副科长', '领导责任');
    await app.ratePerson('甲');
    for (const d of ['德', '能', '勤', '绩', '廉']) await app.rate(`${d}·上级评价`, '优秀');
    const share = page.getByTestId('excellent-share');
    await expect(share).toContainText('优秀 1 人，占 33.3%，未超过上限 15%（3 人中最多 1 人：3 × 15% = 0.45，四舍五入，不足 1 人按 1 人）');
    await expect(page.getByTestId('settings-summary')).toContainText('优秀比例上限 15%（按人数四舍五入，不足 1 人按 1 人）');

    await app.openSettings();
    await page.getByLabel('向下取整', { exact: false }).check();
    await saveSettings(page);
    await expect(page.getByTestId('settings-status')).toContainText('评分设置已保存');
    await app.openRating();
    await expect(share).toContainText('优秀 1 人，占 33.3%，超过上限 15%（3 人中最多 0 人：3 × 15% = 0.45，向下取整）');
    await expect(share).toContainText('优秀比例超限');
    await expect(page.getByTestId('settings-summary')).toContainText('（按人数向下取整）');
    await page.reload();
    await expect(share).toContainText('3 人中最多 0 人');
  });

  test('a department names its own levels and its 上级评价 rater', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openSettings();
    const names = '本单位的责任层级和评价人';
    await app.ratingSetting(names, '“第一责任”的名称').fill('第一责任人');
    await app.ratingSetting(names, '“第一责任”的承担者').fill('科长');
    await app.ratingSetting(names, '“领导责任”的名称').fill('第一责任人');
    await saveSettings(page);
    await expect(page.getByTestId('settings-error')).toContainText('“第一责任”与“领导责任”两个责任层级都叫“第一责任人”，请加以区分');
    await expect(app.ratingSetting(names, '“领导责任”的名称')).toHaveAttribute('aria-invalid', 'true');
    await app.ratingSetting(names, '“领导责任”的名称').fill('');
    await app.ratingSetting(names, '“领导责任”的承担者').fill('副科长');
    await app.ratingSetting(names, '上级评价的评价人').fill('分管局领导');
    await saveSettings(page);
    await expect(page.getByTestId('settings-status')).toContainText('评分设置已保存');
    // The red-line levels are listed by the new names.
    await expect(page.getByRole('group', { name: '对每一项已发生的红线负责的责任层级（另加该项所列责任人）' })).toContainText('第一责任人（科长）');

    await app.openRating();
    await expect(page.getByTestId('rating')).toContainText('分管局领导上级评价');
    await expect(page.getByTestId('settings-summary')).toContainText('上级评价由“分管局领导”给出');
    await app.addPerson('张三', '科长', '第一责任人（科长）');
    await app.addPerson('李四', '副科长', '领导责任（副科长）');
    await expect(page.getByTestId('person-张三')).toContainText('第一责任人');
    await expect(app.summaryRow('张三')).toContainText('第一责任人');
    await app.ratePerson('张三');
    await expect(page.getByTestId('result-card').getByRole('heading')).toContainText('张三（科长，第一责任人）');
    await app.rate('德·上级评价', '优秀');
    // A red line names the level as the department calls it.
    await app.openChapter('7');
    await app.answer('7.3', '已发生');
    await app.item('7.3').getByLabel('具体情况（必填）').fill('事件');
    await app.item('7.3').getByLabel('发生日期（必填）').fill('2024-05-06');
    await app.expectSaved();
    await app.openRating();
    await app.ratePerson('张三');
    const card = page.getByTestId('result-card');
    await card.getByText('如何计算').click();
    await expect(card.getByTestId('steps')).toContainText('张三负第一责任人');
    await page.reload();
    await expect(page.getByTestId('person-李四')).toContainText('领导责任');
    await app.openSettings();
    await expect(app.ratingSetting(names, '“第一责任”的名称')).toHaveValue('第一责任人');
    await expect(app.ratingSetting(names, '上级评价的评价人')).toHaveValue('分管局领导');
  });

  test('恢复默认 fills in the shipped settings, which apply once saved', async ({ app, page }) => {
    await app.open();
    await app.completeSetup(setup);
    await app.openSettings();
    const share = app.ratingSetting('优秀比例', '优秀比例上限（%，不超过 20）');
    await share.fill('25');
    await saveSettings(page);
    await expect(page.getByTestId('settings-error')).toContainText('优秀比例上限 25% 超过规定的 20%');
    await share.fill('10');
    await saveSettings(page);
    await expect(page.getByTestId('settings-status')).toContainText('评分设置已保存');
    await page.reload();
    await expect(share).toHaveValue('10');
    await page.getByRole('button', { name: '恢复默认' }).click();
    await expect(share).toHaveValue('15');
    await expect(page.getByTestId('settings-status')).toContainText('点击“保存评分设置”后生效');
    await saveSettings(page);
    await app.openRating();
    await expect(page.getByTestId('settings-summary')).toContainText('优秀比例上限 15%');
  });
});
