// The device indicator and switch on the real page (under its CSP): the worker names the WebGPU
// adapter it acquired — the switch offers WebGPU under that name, and a run on it prints what
// PyTorch prints (oracle golden; tensors name their device) with the adapter in the console line —
// or, without one, the switch says why and stays on the CPU. Whichever this machine has is
// printed, not assumed.

import { assert, assertEqual, golden, labState, openPage, waitForRun, type E2EContext } from './harness';

interface DeviceView { adapter: string | null; adapterReason: string | null; device: string }

export async function deviceIndicatorNamesTheAdapter(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  await t.page.waitForFunction(() => {
    const s = (window as unknown as { __lab: { getState(): DeviceView } }).__lab.getState();
    return s.adapter !== null || s.adapterReason !== null;
  }, undefined, { timeout: 30_000 });
  const d = await t.page.evaluate(() => {
    const s = (window as unknown as { __lab: { getState(): DeviceView } }).__lab.getState();
    return { adapter: s.adapter, adapterReason: s.adapterReason, device: s.device };
  });
  const option = t.page.locator('#device option[value="webgpu"]');
  const title = (await t.page.locator('#device').getAttribute('title')) ?? '';
  if (d.adapter) {
    console.log(`    device e2e: WebGPU adapter "${d.adapter}"`);
    assert((await option.innerText()).startsWith('WebGPU · '), 'the option names the adapter');
    assert(title.includes(d.adapter), `the tooltip has the full adapter name: ${title}`);
    assertEqual(await option.isDisabled(), false, 'WebGPU can be chosen');
    await t.page.selectOption('#device', 'webgpu');
    const before = (await labState(t.page)).run.id;
    await t.page.click('[data-testid="run"]');
    const s = await waitForRun(t.page, before);
    assertEqual(s.run.status, 'done', 'run on WebGPU');
    const out = await t.page.evaluate(() => (window as unknown as { __lab: { getState(): { report: { stdout: string; device: { requested: string; adapter: string | null } } } } }).__lab.getState().report);
    assertEqual(out.device, { ...out.device, requested: 'webgpu', adapter: d.adapter }, 'the report says where it ran');
    // Tensors print their device as PyTorch prints `device='cuda:0'`; otherwise the CPU golden.
    assert(out.stdout.includes("device='webgpu:0'"), `tensors on webgpu: ${out.stdout}`);
    assertEqual(out.stdout.replaceAll(", device='webgpu:0'", ''), golden('doc-tied-weights').stdout, 'stdout on WebGPU');
    assert((await t.page.locator('.pane-console .pane-head').innerText()).includes(`WebGPU · ${d.adapter}`), 'console line names the adapter');
    await t.screenshot('device-webgpu');
  } else {
    console.log(`    device e2e: no WebGPU adapter (${d.adapterReason})`);
    assertEqual(await option.isDisabled(), true, 'WebGPU cannot be chosen');
    assertEqual(await option.innerText(), 'WebGPU (unavailable)', 'the option says so');
    assert(title.includes(d.adapterReason!), `the tooltip says why: ${title}`);
    await t.screenshot('device-unavailable');
  }
}
