// The conformance runner behind `npm test`: every scenario in conformance/ is run in-process
// through the same code path as `npm run cli -- run FILE --json`, and its dump is judged against
// the PyTorch golden by the rules of ../shared/oracle/compare.py (ported in src/run/compare.ts).
// Scenarios listed in conformance/expected-failures.txt (with the reason) may fail; the list is
// printed loudly, and a listed scenario that passes fails the run (so the list only shrinks).
//
//   npx tsx scripts/conformance.ts [--only NAME...] [--verbose] [--summary-json FILE]
//                                  [--device webgpu [--tiny N]]
//
// `--device webgpu` runs every scenario with 'webgpu' as the default device on a real adapter (the
// `webgpu` package; SwiftShader when there is no GPU) — no adapter is a failure, never a silent CPU
// run. The goldens are judged by the same semantic match once the printed `device='webgpu:0'` is
// taken out of both texts (src/run/compareDevice.ts); byte-identical stdout is only required on the
// CPU (a reordered float sum may change a printed last digit). `--tiny N` sets the elementwise
// size under which host-resident operands stay on the CPU (default: the measured threshold); 0 sends
// everything the GPU can run to the GPU. The GPU counters are printed and written to the summary.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dumpScript } from '../src/run/dump';
import { compareDump } from '../src/run/compare';
import { compareDumpOnDevice } from '../src/run/compareDevice';
import { prepareRuntime } from '../src/run/prepare';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'conformance');
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const summaryIdx = argv.indexOf('--summary-json');
const summaryPath = summaryIdx >= 0 ? argv[summaryIdx + 1] : null;
const valueFlags = ['--summary-json', '--device', '--tiny'];
const only = argv.filter((a, i) => !a.startsWith('--') && !valueFlags.includes(argv[i - 1]));
const deviceIdx = argv.indexOf('--device');
const device = deviceIdx >= 0 ? argv[deviceIdx + 1] : 'cpu';
const tinyIdx = argv.indexOf('--tiny');

function readExpectedFailures(): Map<string, string> {
  const m = new Map<string, string>();
  const p = join(dir, 'expected-failures.txt');
  if (!existsSync(p)) return m;
  for (const raw of readFileSync(p, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name, ...why] = line.split(/\s+/);
    m.set(name, why.join(' ').replace(/^[-—:]\s*/, ''));
  }
  return m;
}

const expected = readExpectedFailures();
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.py') && existsSync(join(dir, f.replace(/\.py$/, '.json'))))
  .map((f) => basename(f, '.py'))
  .filter((n) => only.length === 0 || only.some((o) => n.includes(o)))
  .sort();

let passed = 0;
let identical = 0;
const unexpectedFailures: string[] = [];
const unexpectedPasses: string[] = [];
const expectedFailing: string[] = [];
await prepareRuntime();
type GpuCounters = { dispatches: number; cpuOps: number; downloads: number; byKernel: Record<string, number> };
let gpuCounters: (() => GpuCounters) | null = null;
let adapterName = '';
if (device === 'webgpu') {
  const { useDefaultDevice, adapterLabel } = await import('../src/run/device');
  const { nodeGpu } = await import('../src/tensor/webgpu/node');
  const gpu = await import('../src/tensor/webgpu');
  const r = await useDefaultDevice('webgpu', { gpu: () => nodeGpu() });
  if (!r.ok) {
    console.log(`FAIL --device webgpu: WebGPU unavailable: ${r.reason}`);
    if (summaryPath) writeFileSync(summaryPath, JSON.stringify({ passed: 0, failed: 1, total: 0, unexpectedFailures: 1, unexpectedPasses: 0, device, error: r.reason }));
    process.exit(1);
  }
  if (tinyIdx >= 0) gpu.setTinyThreshold(Number(argv[tinyIdx + 1]));
  adapterName = adapterLabel(r.adapter!);
  console.log(`device: webgpu on ${adapterName}`);
  gpuCounters = () => gpu.webgpuContext()!.stats;
} else if (device !== 'cpu') {
  console.log(`unknown --device ${device} (cpu or webgpu)`);
  process.exit(2);
}
const perScenarioDispatches: Record<string, number> = {};
const t0 = performance.now();
for (const name of scenarios) {
  const source = readFileSync(join(dir, `${name}.py`), 'utf8');
  const golden = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  let verdict: ReturnType<typeof compareDump>;
  const before = gpuCounters?.().dispatches ?? 0;
  try {
    const dump = await dumpScript(source, `${name}.py`);
    verdict = device === 'cpu' ? compareDump(golden, dump) : compareDumpOnDevice(golden, dump);
  } catch (e) {
    verdict = { ok: false, stdoutIdentical: false, diffs: [`runner crashed: ${(e as Error).stack ?? e}`], stdoutFirstDiff: null };
  }
  if (gpuCounters) perScenarioDispatches[name] = gpuCounters().dispatches - before;
  if (verdict.stdoutIdentical) identical++;
  const isExpected = expected.has(name);
  if (verdict.ok) {
    passed++;
    if (isExpected) unexpectedPasses.push(name);
  } else if (isExpected) expectedFailing.push(name);
  else unexpectedFailures.push(name);
  const tag = verdict.ok ? 'PASS' : isExpected ? 'XFAIL' : 'FAIL';
  const stdoutNote = verdict.stdoutIdentical ? '' : ' (stdout differs)';
  if (verbose || tag === 'FAIL' || (tag === 'PASS' && !verdict.stdoutIdentical)) {
    console.log(`${tag} ${name}${stdoutNote}`);
    if (tag === 'FAIL' || verbose) for (const d of verdict.diffs.slice(0, 3)) console.log(`    ${d}`);
    if (!verdict.stdoutIdentical && verdict.stdoutFirstDiff && (verbose || tag !== 'XFAIL')) console.log(`    stdout: ${verdict.stdoutFirstDiff}`);
  }
}
const failed = scenarios.length - passed;
if (expected.size > 0) {
  console.log(`\nEXPECTED FAILURES (conformance/expected-failures.txt) — ${expectedFailing.length} still failing:`);
  for (const n of expectedFailing) console.log(`  XFAIL ${n}: ${expected.get(n)}`);
}
for (const n of unexpectedPasses) console.log(`UNEXPECTED PASS ${n}: remove it from conformance/expected-failures.txt`);
console.log(`stdout: ${identical} of ${scenarios.length} identical`);
console.log(`conformance: ${passed} passed, ${failed} failed (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const gpuSummary = gpuCounters ? { adapter: adapterName, stats: gpuCounters(), perScenarioDispatches } : undefined;
if (gpuSummary) {
  const s = gpuSummary.stats;
  const top = Object.entries(s.byKernel).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${k} ${n}`).join(', ');
  const without = Object.entries(perScenarioDispatches).filter(([, n]) => n === 0).map(([k]) => k);
  console.log(`webgpu: ${s.dispatches} dispatches, ${s.downloads} downloads, ${s.cpuOps} CPU-side kernel calls; ${scenarios.length - without.length} of ${scenarios.length} scenarios dispatched GPU work`);
  console.log(`webgpu kernels: ${top}`);
}
if (summaryPath) {
  writeFileSync(
    summaryPath,
    JSON.stringify({ passed, failed, identical, total: scenarios.length, unexpectedFailures: unexpectedFailures.length, unexpectedPasses: unexpectedPasses.length, expectedFailing, device, unexpectedFailureNames: unexpectedFailures, gpu: gpuSummary }),
  );
}
process.exit(unexpectedFailures.length || unexpectedPasses.length ? 1 : 0);
