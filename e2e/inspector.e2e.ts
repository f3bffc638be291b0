// The call inspector's later additions on the real engine: a dict that is not a literal is rewritten
// as one (and the script prints what it printed before — PyTorch's output, from the preset's oracle
// golden); BatchNorm's running stats, changed in place without a version bump, are listed as not
// restored; modules show their extra_repr in the tree. Screenshots in both themes.

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, assertEqual, labState, loadPreset, openPage, waitForRun, type E2EContext } from './harness';

const presetGolden = (id: string): { stdout: string } =>
  JSON.parse(readFileSync(new URL(`../src/share/presets/fixtures/${id}.json`, import.meta.url), 'utf8'));

const stdout = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as { __lab: { getState(): { report: { stdout: string } } } }).__lab.getState().report.stdout);

async function openThemed(t: E2EContext, theme: 'dark' | 'light'): Promise<void> {
  await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
  await openPage(t);
  await waitForRun(t.page);
}

export async function nonLiteralDictIsRewrittenAsALiteral(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await openThemed(t, theme);
    await loadPreset(t.page, 'maml_inner_step');
    // `p` is loss_fn's argument: read-only, with the rewrite offered.
    const offer = t.page.locator('[data-testid="literal-offer"]');
    assert((await offer.innerText()).includes('not written as a literal'), 'read-only note');
    assertEqual(await t.page.locator('[data-testid="override-table"] input.val').count(), 0, 'no editable values before');
    assert((await t.page.locator('[data-testid="ov-row-2.bias"]').innerText()).includes("p['2.bias']"), 'each value reads from the dict passed');
    await t.screenshot(`literal-offer-${theme}`);
    const before = (await labState(t.page)).run.id;
    await t.page.click('[data-testid="rewrite-literal"]');
    const s = await waitForRun(t.page, before);
    // Too long for one line: one entry per line, the rest of the call untouched.
    const want = [
      '    return F.mse_loss(functional_call(model, {',
      ...['0.weight', '0.bias', '2.weight', '2.bias'].map((k) => `        '${k}': p['${k}'],`),
      '    }, (x,)), y)',
    ].join('\n');
    assert(s.script.includes(want), `the call after the rewrite:\n${s.script}`);
    assertEqual(await stdout(t.page), presetGolden('maml_inner_step').stdout, 'the rewritten script prints what PyTorch printed for the original');
    // Every key is editable now, and the offer is gone.
    await t.page.waitForSelector('[data-testid="value-2.bias"]');
    assertEqual(await t.page.inputValue('[data-testid="value-2.bias"]'), "p['2.bias']", 'value expression of 2.bias');
    assertEqual(await offer.count(), 0, 'no offer once it is a literal');
    await t.screenshot(`literal-rewritten-${theme}`);
  }
  // A tuple of dicts cannot be rewritten as one literal: the reason is shown, no button.
  await loadPreset(t.page, 'func-tuple-dicts');
  assert((await t.page.locator('[data-testid="literal-offer"]').innerText()).includes('tuple of dicts'), 'reason for a tuple of dicts');
  assertEqual(await t.page.locator('[data-testid="rewrite-literal"]').count(), 0, 'no rewrite button');
}

export async function batchNormStatsAreNotRestored(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await openThemed(t, theme);
    await loadPreset(t.page, 'batchnorm-train-eval');
    assertEqual(await stdout(t.page), presetGolden('batchnorm-train-eval').stdout, 'stdout of the preset');
    await t.page.click('[data-testid="call-tab-0"]');
    // Only 'weight' is overridden: forward updated all three stats of the module itself.
    const verdict = await t.page.locator('[data-testid="restored"]').innerText();
    for (const name of ['running_mean', 'running_var', 'num_batches_tracked']) {
      assert(verdict.includes(name), `${name} listed as not restored: ${verdict}`);
      assert((await t.page.locator(`[data-testid="effect-${name}"]`).innerText()).includes('not restored'), `${name} effect tagged`);
      assert((await t.page.locator(`[data-testid="leaf-${name}"]`).innerText()).includes('not restored'), `${name} tagged in the tree`);
    }
    // running_mean moved without a version bump: its before and after are different pictures.
    const eff = t.page.locator('[data-testid="effect-running_mean"]');
    assert((await eff.innerText()).includes('version counter did not move'), 'says how the change was seen');
    assertEqual(await eff.locator('svg.heat').count(), 3, 'before, after and their difference');
    // The tree shows the module's extra_repr (the report's, checked against PyTorch's in run/).
    const extra = await t.page.evaluate(() =>
      (window as unknown as { __lab: { getState(): { report: { modules: { when: string; root: { extraRepr: string } }[] } } } }).__lab
        .getState().report.modules.find((m) => m.when === 'call 0 entry')!.root.extraRepr);
    assert(extra.length > 0, 'BatchNorm1d has an extra_repr');
    assertEqual(await t.page.locator('[data-testid="node-"] .extra').innerText(), extra, 'extra_repr shown on the module row');
    await t.page.locator('[data-testid="effects"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await t.screenshot(`batchnorm-not-restored-${theme}`);
    // The trace's forward step shows the same writes, before → after.
    await t.page.click('[data-testid="tab-trace"]');
    await t.page.locator('[data-testid^="trace-step-"]', { hasText: 'Run forward' }).click();
    const step = await t.page.locator('[data-testid="trace"]').innerText();
    assert(step.includes("'running_mean' written in place (values changed, version counter did not)"), `forward step: ${step}`);
    assert(step.includes("'num_batches_tracked' written in place"), 'the counter too');
    await t.page.click('[data-testid="tab-call"]');
  }
}
