import { test, expect, AppPage } from './fixtures';

test.describe('two tabs open at once', () => {
  test('edits to different items in both tabs all survive and appear in the other', async ({ app, page, context }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    const other = new AppPage(await context.newPage());
    await app.openChapter('3');
    await other.openChapter('3');

    await app.answer('3.1', '已落实');
    await other.answer('3.2', '部分落实');
    await app.item('3.4').getByLabel('落实情况说明').fill('第一个窗口写的说明');

    for (const tab of [app, other]) {
      await expect(tab.item('3.1').getByRole('radio', { name: '已落实' })).toBeChecked();
      await expect(tab.item('3.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
      await expect(tab.item('3.4').getByLabel('落实情况说明')).toHaveValue('第一个窗口写的说明');
    }
    await page.reload();
    await expect(app.item('3.1').getByRole('radio', { name: '已落实' })).toBeChecked();
    await expect(app.item('3.2').getByRole('radio', { name: '部分落实' })).toBeChecked();
  });

  test('the same item edited in both keeps the newer edit and says so', async ({ app, page, context }) => {
    await app.open();
    await app.completeSetup({ unit: '县文化广播影视局', department: '办公室', filledBy: '张三' });
    const otherPage = await context.newPage();
    // The other tab misses this tab's storage events while `__deaf` is set, as a busy tab would.
    await otherPage.addInitScript(() => {
      const add = window.addEventListener.bind(window);
      (window as any).addEventListener = (type: string, listener: any, options?: any) =>
        add(type, type === 'storage' ? (e: Event) => { if (!(window as any).__deaf) listener(e); } : listener, options);
    });
    const other = new AppPage(otherPage);
    await app.openChapter('3');
    await other.openChapter('3');
    await otherPage.evaluate(() => { (window as any).__deaf = true; });
    await app.answer('3.3', '已落实');
    await app.expectSaved();
    await other.page.waitForTimeout(50);
    await other.answer('3.3', '未落实');
    await other.item('3.3').getByLabel('原因（必填）').fill('尚未落实的原因');
    await otherPage.evaluate(() => { (window as any).__deaf = false; });
    await expect(other.page.getByTestId('sync-notes')).toContainText('检查项 3.3在两个窗口中都被修改，已保留较新的修改（本窗口）');
    // The newer edit reaches the first tab too.
    await expect(app.item('3.3').getByRole('radio', { name: '未落实' })).toBeChecked();
    await expect(app.item('3.3').getByLabel('原因（必填）')).toHaveValue('尚未落实的原因');
    await page.reload();
    await expect(app.item('3.3').getByRole('radio', { name: '未落实' })).toBeChecked();
  });
});
