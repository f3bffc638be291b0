// Accessibility: axe-core (WCAG 2.x A/AA rules plus best practices) finds no violations on the
// page's main views — the playground with the call inspector, the trace, gradients and the
// rewrite-as-literal offer, not-restored effects, the examples gallery, a bad-link message, the
// embed view, a focused splitter and the stacked narrow-window page — in both themes. Each
// violation is printed with the elements it names, so a failure says what to fix.

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { assert, loadPreset, openPage, waitForRun, type E2EContext } from './harness';

async function violations(page: Page, view: string): Promise<string[]> {
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.map((v) => `${view}: ${v.id} (${v.impact}) ${v.help}\n      ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n      ')}`);
}

async function themed(t: E2EContext, theme: 'dark' | 'light', query = ''): Promise<void> {
  await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
  await openPage(t, query);
  await waitForRun(t.page);
}

export async function axeFindsNoViolations(t: E2EContext): Promise<void> {
  const found: string[] = [];
  for (const theme of ['dark', 'light'] as const) {
    await themed(t, theme);
    await t.page.waitForSelector('[data-testid="override-table"]');
    found.push(...(await violations(t.page, `${theme} call inspector`)));
    await t.page.click('[data-testid="leaf-foo_tied"]');
    found.push(...(await violations(t.page, `${theme} node selected`)));
    await t.page.click('[data-testid="tab-trace"]');
    await t.page.click('[data-testid="trace-next"]');
    found.push(...(await violations(t.page, `${theme} trace`)));
    await t.page.click('[data-testid="tab-call"]');
    await loadPreset(t.page, 'per_sample_grads');
    await t.page.waitForSelector('[data-testid="gradients"]');
    found.push(...(await violations(t.page, `${theme} gradients and the literal offer`)));
    await loadPreset(t.page, 'batchnorm-train-eval');
    await t.page.waitForSelector('[data-testid="effect-running_mean"]');
    found.push(...(await violations(t.page, `${theme} effects not restored`)));
    await t.page.click('[data-testid="open-gallery"]');
    await t.page.waitForSelector('[data-testid="gallery"][open]');
    found.push(...(await violations(t.page, `${theme} gallery`)));
    await t.page.keyboard.press('Escape');
    await themed(t, theme, '#not-a-link');
    await t.page.waitForSelector('[data-testid="banner"]');
    found.push(...(await violations(t.page, `${theme} bad link`)));
    await themed(t, theme, '?embed=1');
    await t.page.waitForSelector('[data-testid="embed"] [data-testid="leaf-foo"]');
    found.push(...(await violations(t.page, `${theme} embed`)));
    // The splitters (separators with values), one of them focused, and the stacked narrow page.
    await themed(t, theme);
    await t.page.focus('[data-testid="splitter-tree-inspector"]');
    await t.page.keyboard.press('ArrowLeft');
    found.push(...(await violations(t.page, `${theme} splitter focused`)));
    await t.page.setViewportSize({ width: 760, height: 900 });
    await themed(t, theme);
    found.push(...(await violations(t.page, `${theme} narrow window`)));
    await t.page.setViewportSize({ width: 1280, height: 800 });
  }
  if (found.length) console.log('    ' + found.join('\n    '));
  assert(found.length === 0, `${found.length} accessibility violations (listed above)`);
}
