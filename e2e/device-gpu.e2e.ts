// The page's device switch in real Chromium (the runner's flags: --enable-unsafe-webgpu; Dawn on
// SwiftShader here): the worker acquires a WebGPU device at start-up and the switch offers it; a
// run with WebGPU selected prints device='webgpu:0' on every tensor, matches the oracle's CPU text
// once that suffix is taken out (e2e/fixtures/device-webgpu), and the report's GPU counters show
// that kernels ran on the adapter — a silent CPU fallback fails here. Switching back to the CPU
// prints exactly the golden. (device.e2e.ts checks the indicator; this file, that the GPU did the work.)

import { normalizeDeviceText } from '../src/run/compareDevice';
import { assert, assertEqual, golden, openPage, readFixture, replaceScript, runScript, waitForRun, type E2EContext } from './harness';

interface DeviceView {
  adapter: string | null;
  stdout: string;
  device: { requested: string; adapter: string | null; gpu?: { dispatches: number; downloads: number; cpuOps: number } };
  error: unknown;
}

const view = (t: E2EContext): Promise<DeviceView> =>
  t.page.evaluate(() => {
    const s = (window as unknown as { __lab: { getState(): { adapter: string | null; report: { stdout: string; device: DeviceView['device']; error: unknown } } } }).__lab.getState();
    return { adapter: s.adapter, stdout: s.report.stdout, device: s.report.device, error: s.report.error ?? null };
  });

export async function webgpuRunDispatchesOnTheAdapter(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  // the worker names its adapter once it has a device: the switch's WebGPU option is enabled then
  await t.page.waitForSelector('#device option[value="webgpu"]:not([disabled])', { state: 'attached', timeout: 30_000 });
  const script = readFixture('device-webgpu.py');
  const expected = golden('device-webgpu').stdout;
  await replaceScript(t.page, script);
  await t.page.selectOption('#device', 'webgpu');
  await runScript(t.page);
  const gpu = await view(t);
  assert(gpu.error === null, `run failed: ${JSON.stringify(gpu.error)}`);
  assert(gpu.adapter !== null && gpu.device.adapter === gpu.adapter, `adapter shown and used: ${gpu.adapter} / ${gpu.device.adapter}`);
  assertEqual(gpu.device.requested, 'webgpu', 'requested device');
  assert((gpu.device.gpu?.dispatches ?? 0) > 0, `GPU kernels dispatched: ${JSON.stringify(gpu.device.gpu)}`);
  assertEqual((gpu.stdout.match(/device='webgpu:0'/g) ?? []).length, (gpu.stdout.match(/tensor\(/g) ?? []).length, 'every printed tensor names the device');
  assertEqual(normalizeDeviceText(gpu.stdout), normalizeDeviceText(expected), 'stdout without the device suffix');
  await t.screenshot('device-webgpu');

  await t.page.selectOption('#device', 'cpu');
  await runScript(t.page);
  const cpu = await view(t);
  assertEqual(cpu.stdout, expected, 'stdout on the CPU');
  assert((cpu.device.gpu?.dispatches ?? 0) === 0, `a CPU run dispatches nothing: ${JSON.stringify(cpu.device.gpu)}`);
}
