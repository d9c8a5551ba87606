import { readFileSync } from 'node:fs';
import { expect, Page } from '@playwright/test';

// Accessibility helpers for the end-to-end tests: axe-core run in the page, contrast arithmetic,
// and small keyboard and layout checks.

// package.json declares no "type": the specs run as CommonJS, where `require` resolves node_modules.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rules of WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/**
 * Runs axe-core on the page (or on `context`, a CSS selector) with the WCAG 2.1 A/AA rules and fails
 * with a readable list of what it found: rule, impact, and the first nodes' selectors and HTML.
 *
 * axe is evaluated through the DevTools protocol rather than added as a `<script>`: the page's CSP
 * (`script-src 'self'`) refuses an inline script, and the refusal would be a console error.
 */
export async function expectNoAxeViolations(page: Page, context?: string, label = '') {
  const violations = await axeViolations(page, context);
  // AXE_SURVEY=1 lists every page's violations instead of stopping at the first page that has any.
  if (process.env.AXE_SURVEY) {
    if (violations.length) console.log(`axe on ${label || page.url()}:\n${formatViolations(violations)}`);
    return;
  }
  expect(violations.length, `axe found WCAG 2.1 A/AA violations${label ? ` on ${label}` : ''}:\n${formatViolations(violations)}`).toBe(0);
}

/** The violations axe finds, as a list (for tests that collect rather than fail). */
export async function axeViolations(page: Page, context?: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(
    async ([ctx, tags]) => {
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(ctx ?? document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    [context ?? null, WCAG_TAGS] as const,
  );
  return result;
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 4)
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, ' ').slice(0, 300)}`)
        .join('\n');
      const more = v.nodes.length > 4 ? `\n    … and ${v.nodes.length - 4} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))\n${nodes}${more}`;
    })
    .join('\n');
}

/** WCAG's relative luminance of `#rrggbb` / `#rgb` / `rgb(r, g, b)`. */
export function luminance(colour: string): number {
  const [r, g, b] = parseColour(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG's contrast ratio of two opaque colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function parseColour(colour: string): [number, number, number] {
  const c = colour.trim().toLowerCase();
  if (c === 'white' || c === '#fff') return [255, 255, 255];
  let m = /^#([0-9a-f]{6})$/.exec(c);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as [number, number, number];
  m = /^#([0-9a-f]{3})$/.exec(c);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as [number, number, number];
  m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)$/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  throw new Error(`not an opaque colour: ${colour}`);
}

/** The page's CSS custom properties on `:root` (`--red` …), as the stylesheet sets them. */
export async function cssVariables(page: Page, names: string[]): Promise<Record<string, string>> {
  return page.evaluate((ns) => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(ns.map((n) => [n, style.getPropertyValue(n).trim()]));
  }, names);
}

/** The page itself does not scroll sideways (its content fits the viewport's width). */
export async function expectNoHorizontalScroll(page: Page, label = '') {
  const { scroll, client, wide } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // The elements that stick out, to say what to fix.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        if (r.right <= width + 1) return false;
        // Inside something that scrolls or clips on its own: not the page's problem.
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
    return { scroll: root.scrollWidth, client: width, wide };
  });
  expect(scroll, `the page scrolls sideways${label ? ` on ${label}` : ''} (${scroll} > ${client}): ${wide.join('; ')}`).toBeLessThanOrEqual(client);
}

/** What has the keyboard focus: tag, id, test id, accessible text. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e) return '';
    return `${e.tagName.toLowerCase()}#${e.id}[${e.getAttribute('data-testid') ?? ''}] ${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `done` says the focused element is the one wanted; fails after
 * `max` presses, naming where the focus went. The journeys use it instead of clicking.
 */
export async function tabTo(page: Page, done: () => Promise<boolean>, what: string, opts: { back?: boolean; max?: number } = {}) {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(key);
    if (await done()) return;
    seen.push(await focused(page));
  }
  throw new Error(`Tab never reached ${what}; the focus went through:\n  ${seen.join('\n  ')}`);
}

/** Whether the focused element matches the locator-ish check (by test id, label or role name). */
export async function isFocused(page: Page, locator: import('@playwright/test').Locator): Promise<boolean> {
  return locator.evaluate((e) => e === document.activeElement).catch(() => false);
}

/** The focus ring of the focused element: outline width, style and colour as computed. */
export async function focusOutline(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement;
    const s = getComputedStyle(e);
    return { width: parseFloat(s.outlineWidth), style: s.outlineStyle, colour: s.outlineColor, shadow: s.boxShadow };
  });
}

/**
 * Chinese text that is not marked as Chinese (WCAG 3.1.2, language of parts): text nodes with CJK
 * characters whose nearest `lang` is not `zh…`. For the English interface, where the plan's own
 * text stays Chinese. `except` lists selectors of text whose language is not known (what users type).
 */
export async function unmarkedChinese(page: Page, except: string[] = []): Promise<string[]> {
  return page.evaluate((skip) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!/[\u3400-\u9fff]/.test(text)) continue;
      const el = n.parentElement!;
      if (el.closest('script, style, noscript, [hidden], [aria-hidden=true]')) continue;
      if (skip.length && el.closest(skip.join(','))) continue;
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
      if (!lang.startsWith('zh')) found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${text.trim().slice(0, 40)}`);
    }
    return found;
  }, except);
}
