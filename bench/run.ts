// `npm run bench`: runs each bench module and prints one aligned table — group, name, value, and,
// where a row has a baseline measured in the same run (or recorded from PyTorch/CPython in the
// oracle), the baseline and how we compare: "2.1× better" or "0.6× (worse)", whichever way the
// unit reads (GFLOP/s and GB/s: higher is better; times and sizes: lower is better).
//
//   npm run bench                      every group
//   npm run bench -- --only engine,fc  some groups (names below)
//
// Speed targets live here, never in timed tests.

import type { Row } from './engine';

type Group = { name: string; about: string; run: () => Promise<Row[]> };

const GROUPS: Group[] = [
  { name: 'engine', about: 'matmul/add vs TensorFlow.js CPU and WASM', run: async () => (await import('./engine')).benchEngine() },
  {
    name: 'rng',
    about: 'torch-parity samplers',
    run: async () => (await import('./rng.bench')).runRngBench().map((r) => ({ group: 'rng', ...r })),
  },
  { name: 'fc', about: 'functional_call vs PyTorch 2.6', run: async () => (await import('./functional_call')).benchFunctionalCall() },
  { name: 'autograd', about: 'backward vs PyTorch 2.6', run: async () => (await import('./autograd')).benchAutograd() },
  { name: 'interp', about: 'the Python interpreter vs CPython 3.13; functional_call from Python', run: async () => (await import('./interp')).benchInterp() },
  { name: 'webgpu', about: 'WebGPU kernels (software adapter here) vs our CPU path', run: async () => (await import('./webgpu')).benchWebGPU() },
  { name: 'page', about: 'the page in Chromium (production build)', run: async () => (await import('./page')).benchPage() },
];

const HIGHER_IS_BETTER = /\/s$/;

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.01 ? v.toFixed(2) : v.toPrecision(2);
}

function comparison(r: Row): string {
  if (r.baseline === undefined || r.baseline === 0 || r.value === 0) return '';
  const x = HIGHER_IS_BETTER.test(r.unit) ? r.value / r.baseline : r.baseline / r.value;
  return x >= 1 ? `${x.toFixed(2)}× better` : `${x.toFixed(2)}× (worse)`;
}

function printTable(rows: Row[]): void {
  const table = rows.map((r) => [
    r.group,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName ?? 'baseline'})`,
    comparison(r),
  ]);
  const head = ['group', 'name', 'value', 'baseline', 'ours vs baseline'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

const argv = process.argv.slice(2);
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(argv[onlyIdx + 1].split(',')) : null;
const chosen = GROUPS.filter((g) => !only || only.has(g.name));
if (chosen.length === 0) {
  console.error(`unknown group; choose from: ${GROUPS.map((g) => g.name).join(', ')}`);
  process.exit(2);
}

const t0 = performance.now();
const rows: Row[] = [];
for (const g of chosen) {
  const tg = performance.now();
  process.stderr.write(`bench ${g.name}: ${g.about} ... `);
  try {
    rows.push(...(await g.run()));
    process.stderr.write(`${((performance.now() - tg) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    process.stderr.write(`FAILED\n`);
    rows.push({ group: g.name, name: `failed: ${(e as Error).message.split('\n')[0]}`, value: NaN, unit: '' });
  }
}
printTable(rows);
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
