// `npm run bench`: runs each bench module and prints one aligned table — group, name, value,
// and, where a row has a baseline measured in the same run, the baseline and the ratio. Modules:
// engine.ts (matmul/add vs TensorFlow.js) and rng.bench.ts (the torch-parity samplers).

import { benchEngine, type Row } from './engine';
import { runRngBench } from './rng.bench';

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function printTable(rows: Row[]): void {
  const table = rows.map((r) => [
    r.group,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName ?? 'baseline'})`,
    r.baseline === undefined ? '' : `${(r.value / r.baseline).toFixed(2)}×`,
  ]);
  const head = ['group', 'name', 'value', 'baseline', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

const t0 = performance.now();
const rows: Row[] = [...(await benchEngine()), ...runRngBench().map((r) => ({ group: 'rng', ...r }))];
printTable(rows);
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
