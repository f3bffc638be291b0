// Every view of the page in both themes, drawn from saved reports (src/ui/fixtures, made with the
// real nn/ functional_call), so the look can be checked without depending on a live run. Each test
// also asserts what the view must show, and saves a screenshot to look at.

import { assert, type E2EContext } from './harness';

async function open(t: E2EContext, fixture: string, theme: 'dark' | 'light'): Promise<void> {
  await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
  await t.page.goto(`${t.baseUrl}?fixture=${fixture}`);
  await t.page.waitForSelector('[data-testid="override-table"]');
}

export async function tiedWeightsViews(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await open(t, 'doc-tied-weights', theme);
    // The tie is drawn (an arc) and the alias is badged as filled by tie expansion.
    assert((await t.page.locator('.tie-svg path').count()) >= 1, 'tie arc drawn');
    assert((await t.page.locator('[data-testid="ov-row-foo_tied"]').innerText()).includes('filled by tie'), 'tie-filled badge');
    await t.screenshot(`tied-call-${theme}`);
    await t.page.click('[data-testid="tab-trace"]');
    await t.page.click('[data-testid="trace-step-1"]');
    await t.screenshot(`tied-trace-${theme}`);
    await t.page.click('[data-testid="trace-step-3"]');
    assert((await t.page.locator('[data-testid="trace"] [data-testid="tensor"]').count()) === 2, 'a swap shows what went out and what went in');
    await t.screenshot(`tied-trace-swap-${theme}`);
    // Mid-call: after both swaps, the tree shows the overrides in the module's slots.
    await t.page.click('[data-testid="trace-step-5"]');
    assert((await t.page.locator('.tree-row', { hasText: 'swapped in' }).count()) === 2, 'both tied slots hold the override');
    await t.screenshot(`tied-trace-midcall-${theme}`);
    await t.page.click('[data-testid="call-tab-1"]');
    await t.page.click('[data-testid="tab-call"]');
    assert((await t.page.locator('[data-testid="toggle-tie"]').isChecked()) === false, 'second call has tie_weights=False');
    await t.screenshot(`tied-untied-call-${theme}`);
  }
}

export async function inplaceEffectsViews(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await open(t, 'doc-inplace', theme);
    assert((await t.page.locator('[data-testid="effect-foo"]').innerText()).includes('replaced by write-back'), 'write-back effect');
    assert((await t.page.locator('[data-testid="restored"]').innerText()).includes('restored'), 'restored check');
    await t.page.locator('[data-testid="effects"]').scrollIntoViewIfNeeded();
    await t.screenshot(`inplace-effects-${theme}`);
  }
}

export async function mlpTreeViews(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await open(t, 'mlp-overrides', theme);
    await t.page.click('[data-testid="leaf-0.weight"]');
    assert(await t.page.locator('[data-testid="tree-add-key"]').isVisible(), 'a selected leaf offers "add"');
    await t.screenshot(`mlp-tree-${theme}`);
  }
}

export async function parametrizedNetViews(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await open(t, 'parametrized-net', theme);
    await t.page.click('[data-testid="leaf-dec.parametrizations.weight.original"]');
    assert((await t.page.locator('[data-testid="node-details"]').innerText()).includes('dec.parametrizations.weight.original'), 'details of the original');
    await t.page.locator('[data-testid="effects"]').scrollIntoViewIfNeeded();
    assert((await t.page.locator('[data-testid="effects"]').innerText()).includes('not restored'), 'not-restored effects listed');
    await t.screenshot(`parametrized-effects-${theme}`);
  }
}
