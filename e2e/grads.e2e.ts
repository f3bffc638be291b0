// Gradients in the call inspector (issue 7): the per-sample-gradient and MAML presets run on the
// real engine, and each call shows ∂/∂key beside the value it received — same cell layout — with the
// per-call strip for a line that ran once per sample. The gradients shown are checked against real
// PyTorch's (the presets' oracle goldens in src/share/presets/fixtures); a large gradient says what
// part of it is drawn. Screenshots in both themes.

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, assertEqual, loadPreset, openPage, replaceScript, runScript, waitForRun, type E2EContext } from './harness';

interface Golden {
  stdout: string;
  vars: Record<string, { kind: string; items?: Record<string, { shape: number[]; data: number[] }> }>;
}
const presetGolden = (id: string): Golden =>
  JSON.parse(readFileSync(new URL(`../src/share/presets/fixtures/${id}.json`, import.meta.url), 'utf8'));

interface Snap { shape: number[]; preview: (number | string)[] }
interface CallView { index: number; keys: string[]; grads?: Record<string, string>; span: { from: number } | null }
interface ReportView { stdout: string; calls: CallView[]; tensors: Record<string, Snap> }

const report = (page: Page): Promise<ReportView> =>
  page.evaluate(() => (window as unknown as { __lab: { getState(): { report: ReportView } } }).__lab.getState().report);

async function openThemed(t: E2EContext, theme: 'dark' | 'light'): Promise<void> {
  await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
  await openPage(t);
  await waitForRun(t.page);
}

/** Scroll the inspector so a section starts at its top (what the screenshot should show). */
const toTop = (page: Page, testid: string): Promise<void> =>
  page.locator(`[data-testid="${testid}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));

const cells = (page: Page, testid: string): Promise<number> => page.locator(`[data-testid="${testid}"] svg.heat rect.cell`).count();

export async function perSampleGradientsBesideValues(t: E2EContext): Promise<void> {
  const golden = presetGolden('per_sample_grads');
  const perSample = golden.vars.per_sample.items!;
  for (const theme of ['dark', 'light'] as const) {
    await openThemed(t, theme);
    await loadPreset(t.page, 'per_sample_grads');
    const r = await report(t.page);
    assertEqual(r.stdout, golden.stdout, 'stdout of the preset');
    // vmap(grad(loss_fn)) over 5 samples: the first 5 calls are the per-sample ones, and call k's
    // gradient is PyTorch's per_sample[key][k].
    for (const [key, g] of Object.entries(perSample)) {
      const per = g.data.length / g.shape[0];
      for (let k = 0; k < g.shape[0]; k++) {
        const ref = r.calls[k].grads?.[key];
        assert(ref, `call ${k} has a gradient for '${key}'`);
        const got = r.tensors[ref].preview.map(Number);
        const want = g.data.slice(k * per, (k + 1) * per);
        assertEqual(r.tensors[ref].shape, g.shape.slice(1), `shape of ∂/∂${key} in call ${k}`);
        assert(got.every((x, i) => Math.abs(x - want[i]) <= 1e-5 + 1e-4 * Math.abs(want[i])), `call ${k} ∂/∂${key}: ${got} vs PyTorch ${want}`);
      }
    }
    await t.page.click('[data-testid="call-tab-1"]');
    await t.page.waitForSelector('[data-testid="gradients"]');
    // Every override key: value and gradient side by side, one cell per element, the same grid.
    for (const [key, g] of Object.entries(perSample)) {
      const n = g.shape.slice(1).reduce((a, b) => a * b, 1);
      assertEqual(await cells(t.page, `grad-map-${key}`), n, `cells of ∂/∂${key}`);
      assertEqual(await cells(t.page, `grad-value-${key}`), n, `cells of the value of ${key}`);
      const box = (id: string) => t.page.locator(`[data-testid="${id}"] svg.heat`).boundingBox();
      const [a, b] = [await box(`grad-value-${key}`), await box(`grad-map-${key}`)];
      assert(a && b && a.width === b.width && a.height === b.height, `value and ∂/∂${key} have one layout`);
      assert((await t.page.locator(`[data-testid="grad-map-${key}"]`).innerText()).includes(`∂/∂${key}`), `labeled ∂/∂${key}`);
    }
    // The line ran 10 times (5 under vmap, 5 in the loop): the strip shows each call's gradient.
    const strip = t.page.locator('[data-testid="grad-strip-2.bias"] .strip-item');
    assertEqual(await strip.count(), 10, 'one thumbnail per call of the line');
    assertEqual(await strip.nth(1).getAttribute('aria-pressed'), 'true', 'the selected call is marked');
    assert((await t.page.locator('[data-testid="call-tab-1"]').innerText()).includes('2/10'), 'tab says which of the line\'s calls');
    // The tree marks keys with a gradient; a selected leaf shows its gradient in this call.
    assertEqual(await t.page.locator('[data-testid="leaf-2.bias"] .tag-grad').count(), 1, 'tree marks ∂');
    await t.page.click('[data-testid="leaf-2.bias"]');
    assertEqual(await cells(t.page, 'node-grad'), 2, 'node details show ∂/∂2.bias');
    await toTop(t.page, 'gradients');
    await t.screenshot(`per-sample-grads-${theme}`);
    await strip.nth(3).click();
    assertEqual(await t.page.locator('[data-testid="call-tab-3"]').getAttribute('aria-selected'), 'true', 'a thumbnail selects its call');
  }
}

export async function mamlInnerStepGradients(t: E2EContext): Promise<void> {
  const golden = presetGolden('maml_inner_step');
  for (const theme of ['dark', 'light'] as const) {
    await openThemed(t, theme);
    await loadPreset(t.page, 'maml_inner_step');
    const r = await report(t.page);
    assertEqual(r.stdout, golden.stdout, 'stdout of the preset');
    // grad(loss_fn)(params, ...) differentiates the first call: all four keys have a gradient.
    assertEqual(Object.keys(r.calls[0].grads ?? {}), ['0.weight', '0.bias', '2.weight', '2.bias'], 'inner-step gradient keys');
    await t.page.click('[data-testid="call-tab-0"]');
    await t.page.waitForSelector('[data-testid="grad-0.weight"]');
    assertEqual(await cells(t.page, 'grad-map-0.weight'), 8, '∂/∂0.weight of an 8×1 weight');
    await toTop(t.page, 'gradients');
    await t.screenshot(`maml-grads-${theme}`);
    // The query call received the adapted (non-leaf) tensors: no gradient is reported for it.
    const last = r.calls.length - 1;
    assert(!r.calls[last].grads, 'the query call has no gradients');
    await t.page.click(`[data-testid="call-tab-${last}"]`);
    assertEqual(await t.page.locator('[data-testid="gradients"]').count(), 0, 'no gradient section without gradients');
  }
}

export async function largeGradientSaysWhatIsShown(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  await replaceScript(t.page, [
    'import torch',
    'import torch.nn as nn',
    'from torch.func import functional_call, grad',
    'm = nn.Linear(64, 32)',
    'p = {k: v.detach() for k, v in m.named_parameters()}',
    'x = torch.randn(3, 64)',
    'g = grad(lambda p: functional_call(m, p, (x,)).pow(2).sum())(p)',
    "print(tuple(g['weight'].shape))",
    '',
  ].join('\n'));
  const s = await runScript(t.page);
  assertEqual(s.run.status, 'done', 'run status');
  await t.page.waitForSelector('[data-testid="grad-weight"]');
  // 32×64 = 2048 values, a 256-value preview (4 rows): the map draws its top-left block and says so.
  const note = await t.page.locator('[data-testid="grad-map-weight-truncated"]').innerText();
  assertEqual(note, 'top-left 4×12 of 32×64 shown', 'truncation note');
  assertEqual(await cells(t.page, 'grad-map-weight'), 48, 'cells drawn');
  assertEqual(await cells(t.page, 'grad-value-weight'), 48, 'value cells drawn');
  await toTop(t.page, 'gradients');
  await t.screenshot('large-grad');
}
