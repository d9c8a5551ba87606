import { test, expect, AppPage } from './fixtures';
import { expectNoAxeViolations, contrast, cssVariables, unmarkedChinese } from './a11y';
import type { Page } from '@playwright/test';

// axe-core (WCAG 2.1 A and AA) on every page and every state that opens, for both roles and both
// interface languages. A violation fails with the rule, its impact and the nodes at fault.

const profile = { unit: '县文化广播影视局', department: '办公室', filledBy: '张三' };

type Role = 'department' | 'office';

/**
 * The full app's pages (`full.html#/…`) and the roles whose navigation has them: one line per page.
 * A page still showing the placeholder (`data-testid="todo-page"`) is skipped with a note.
 */
const FULL_PAGES: [string, Role[]][] = [
  ['#/summary', ['office']],
  ['#/ledger', ['department']],
  ['#/rating', ['department']],
  ['#/rectification', ['department']],
  ['#/report', ['department']],
  ['#/exchange', ['department', 'office']],
  ['#/settings', ['department', 'office']],
  ['#/guide', ['department', 'office']],
];

// What users type (names, notes) and the domain's messages (still worded in Chinese) have no known
// language; everything else Chinese in the English interface is the plan's text, marked zh-CN.
const USER_TEXT = ['.who', '.print-header', '.overdue-detail', '.field-error'];

/** In the English interface, the plan's Chinese text is marked as Chinese (WCAG 3.1.2). */
async function expectChineseMarked(page: Page, lang: 'zh' | 'en', label: string) {
  if (lang !== 'en') return;
  expect(await unmarkedChinese(page, USER_TEXT), `Chinese text not marked lang=zh-CN on ${label}`).toEqual([]);
}

async function useEnglish(page: Page) {
  await page.evaluate(() => localStorage.setItem('zrz.lang', 'en'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** The full app's pages for a role: each checked, or noted as not built yet. */
async function checkFullPages(page: Page, role: Role, lang: string) {
  for (const [hash, roles] of FULL_PAGES) {
    if (!roles.includes(role)) continue;
    await page.goto(`./full.html${hash}`);
    await expect(page.locator('#main')).not.toBeEmpty();
    if (await page.getByTestId('todo-page').count()) {
      test.info().annotations.push({ type: 'skipped page', description: `${lang} ${role} full.html${hash}: still the placeholder` });
      continue;
    }
    await expectNoAxeViolations(page, undefined, `${lang} ${role} full.html${hash}`);
  }
}

/** Answers that bring out every state 总览 and 各章自查 show. */
async function fillStates(app: AppPage, page: Page, lang: 'zh' | 'en') {
  const w = lang === 'zh'
    ? { occurred: '已发生', partial: '部分落实', na: '不适用' }
    : { occurred: 'Occurred', partial: 'Partly done', na: 'Not applicable' };
  // A red line that occurred, with its date and what happened.
  await app.openChapter('7');
  await app.answer('7.1', w.occurred);
  await app.item('7.1').getByRole('textbox').last().fill('某次会议未按要求研判意识形态形势');
  await app.item('7.1').locator('input[type=date]').first().fill('2025-03-01');
  // An overdue item, with its owner.
  await app.openChapter('4.2');
  await app.answer('4.2.3', w.partial);
  await app.item('4.2.3').locator('summary').click();
  await app.item('4.2.3').locator('input[type=text]').last().fill('李四');
  await app.item('4.2.3').locator('input[type=date]').first().fill('2024-03-31');
  await expect(app.item('4.2.3').getByTestId('overdue-badge')).toBeVisible();
  // A draft: 不适用 without its reason.
  await app.openChapter('4.6');
  await app.answer('4.6.6', w.na);
  await expect(app.item('4.6.6').getByTestId('item-error')).toBeVisible();
}

async function departmentTour(app: AppPage, page: Page, lang: 'zh' | 'en') {
  await app.open();
  if (lang === 'en') await useEnglish(page);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} first visit`);
  await expectChineseMarked(page, lang, 'the first visit');

  await page.getByTestId('role-department').click();
  await expect(page.getByTestId('setup')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} setup`);
  await page.locator('.profile-form button[type=submit]').click();
  await expect(page.locator('.profile-form .field-error')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} setup with an error`);
  await page.locator('#profile-unit').fill(profile.unit);
  await page.locator('#profile-department').fill(profile.department);
  await page.locator('#profile-filled_by').fill(profile.filledBy);
  await page.locator('.profile-form button[type=submit]').click();
  await expect(page.getByTestId('overview')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} 总览, empty`);

  await app.openChapter('3');
  await expectNoAxeViolations(page, undefined, `${lang} 各章自查, a chapter`);
  const filters = page.locator('.filters button');
  for (let i = 0; i < (await filters.count()); i++) {
    await filters.nth(i).click();
    await expect(filters.nth(i)).toHaveAttribute('aria-pressed', 'true');
    await expectNoAxeViolations(page, undefined, `${lang} 各章自查, filter ${i}`);
  }

  await fillStates(app, page, lang);
  await expectNoAxeViolations(page, undefined, `${lang} 各章自查, an item with an error`);
  await app.openChapter('3');
  const item = app.item('3.1');
  await item.locator('summary').click();
  await item.locator('.evidence > button').click();
  await expect(item.locator('.evidence-row')).toHaveCount(1);
  await expectNoAxeViolations(page, undefined, `${lang} 各章自查, 佐证材料 open`);
  await expectChineseMarked(page, lang, '各章自查 with 佐证材料 open');
  await app.openChapter('7');
  await expect(page.getByTestId('red-line-banner')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} 各章自查, a red line occurred`);
  await expectChineseMarked(page, lang, '各章自查');
  // The filters again, now that each has items to show.
  for (let i = 1; i < (await filters.count()); i++) {
    await filters.nth(i).click();
    await expectNoAxeViolations(page, undefined, `${lang} 各章自查, filter ${i} with items`);
  }

  await page.goto('./#/overview');
  await expect(page.getByTestId('red-line-warning')).toBeVisible();
  await expect(page.getByTestId('overdue-list')).toBeVisible();
  await expect(page.getByTestId('drafts')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} 总览 with red lines, overdue items, drafts, the backup reminder`);
  await expectChineseMarked(page, lang, '总览');

  await page.goto('./#/plan');
  await expect(page.getByTestId('plan-text')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} 方案原文`);
  await expectChineseMarked(page, lang, '方案原文');

  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} not found`);

  await checkFullPages(page, 'department', lang);
}

async function officeTour(app: AppPage, page: Page, lang: 'zh' | 'en') {
  await app.open();
  if (lang === 'en') await useEnglish(page);
  await page.getByTestId('role-office').click();
  await expect(page).toHaveURL(/full\.html#\/summary$/);
  await page.goto('./#/plan');
  await expect(page.getByTestId('plan-text')).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} office 方案原文`);
  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, undefined, `${lang} office not found`);
  await checkFullPages(page, 'office', lang);
}

for (const lang of ['zh', 'en'] as const) {
  test.describe(`axe, ${lang === 'zh' ? 'Chinese' : 'English'} interface`, () => {
    test('a department: first visit, setup, 总览, 各章自查 in every state, 方案原文, not found, the full app', async ({ app, page }) => {
      test.setTimeout(240_000);
      await departmentTour(app, page, lang);
    });

    test('the office: its pages of the first page and the full app', async ({ app, page }) => {
      test.setTimeout(120_000);
      await officeTour(app, page, lang);
    });
  });
}

test('the key colour pairs meet WCAG AA (4.5:1 for text, 3:1 for focus rings and bars)', async ({ app, page }) => {
  await app.open();
  const names = ['--red', '--red-dark', '--red-soft', '--ink', '--muted', '--line', '--bg', '--card', '--ok', '--ok-soft', '--warn-soft', '--warn-ink', '--info-soft', '--info-ink', '--focus', '--focus-on-dark'];
  const v = await cssVariables(page, names);
  for (const n of names) expect(v[n], `${n} is set in main.css`).toMatch(/^#[0-9a-f]{3,6}$/i);
  const text: [string, string, string][] = [
    ['--ink', '--bg', 'text on the page background'],
    ['--ink', '--card', 'text on a card'],
    ['--muted', '--card', 'secondary text on a card'],
    ['--muted', '--bg', 'secondary text on the page background'],
    ['--muted', '--red-soft', 'an item head on an occurred red line'],
    ['--card', '--red', 'the header; a primary button; a red badge'],
    ['--card', '--red-dark', 'the navigation; a pressed filter'],
    ['--red-dark', '--card', 'links'],
    ['--red-dark', '--bg', 'the current navigation entry'],
    ['--red-dark', '--red-soft', 'an error notice; the current chapter'],
    ['--ok', '--card', 'a success line'],
    ['--ink', '--warn-soft', 'a quota line'],
    ['--warn-ink', '--warn-soft', 'a warning notice'],
    ['--info-ink', '--info-soft', 'an information notice'],
  ];
  const failures: string[] = [];
  for (const [fg, bg, what] of text) {
    const ratio = contrast(v[fg], v[bg]);
    if (ratio < 4.5) failures.push(`${what}: ${fg} ${v[fg]} on ${bg} ${v[bg]} is ${ratio.toFixed(2)}:1, needs 4.5:1`);
  }
  const nonText: [string, string, string][] = [
    ['--focus', '--card', 'the focus ring on white'],
    ['--focus', '--bg', 'the focus ring on the page'],
    ['--focus', '--red-soft', 'the focus ring on an error notice'],
    ['--focus-on-dark', '--red', 'the focus ring on the red header'],
    ['--focus-on-dark', '--red-dark', 'the focus ring on the navigation'],
    ['--ok', '--card', 'a progress bar’s fill'],
  ];
  for (const [fg, bg, what] of nonText) {
    const ratio = contrast(v[fg], v[bg]);
    if (ratio < 3) failures.push(`${what}: ${fg} ${v[fg]} on ${bg} ${v[bg]} is ${ratio.toFixed(2)}:1, needs 3:1`);
  }
  expect(failures).toEqual([]);
});
