// The interpreter's own cost (issue 4 item 9), beside CPython 3.13: a 100k-iteration pure-Python
// loop (oracle/loop.py) and an attribute-heavy nn.Module forward written in Python
// (oracle/forward.py: 50 attribute reads and small tensor ops per call, 200 calls), each run
// whole through runScript (parse + compile + run, as the page does) — median wall time of several
// runs after a warm-up. The CPython figures were measured once with oracle/time_cpython.py in the
// oracle chroot (root needed, so not re-measured here) and are read from oracle/cpython.json with
// their date and machine note. Also functional_call through the interpreter — Linear(4,4) with 2
// keys and Sequential(100 × [Linear(64,64), ReLU]) with 200 keys, x = [8, 64] — per call, beside
// PyTorch 2.6's figures from oracle/functional_call.pytorch.json (the shared oracle's
// bench_functional_call.py rerun on this machine).

import { readFileSync } from 'node:fs';
import type { Row } from './engine';

const RUNS = 9;
const WARMUP = 2;

const oracleFile = (name: string): string => readFileSync(new URL(`./oracle/${name}`, import.meta.url), 'utf8');

interface CPythonFigures {
  date: string;
  machine: string;
  'loop.py': number;
  'forward.py': number;
}

interface PyTorchCase {
  direct_call_us: number;
  functional_call_us: number;
}

/** The oracle dump's {kind, ...} encoding back to plain values. */
function decode(v: { kind: string; value?: unknown; items?: unknown }): unknown {
  if (v.kind === 'dict') return Object.fromEntries(Object.entries(v.items as Record<string, never>).map(([k, x]) => [k, decode(x)]));
  if (v.kind === 'list' || v.kind === 'tuple') return (v.items as never[]).map(decode);
  return v.value;
}

function pytorchFigures(): Record<string, PyTorchCase> | null {
  try {
    const dump = JSON.parse(oracleFile('functional_call.pytorch.json'));
    return decode(dump.vars.results) as Record<string, PyTorchCase>;
  } catch {
    return null;
  }
}

async function timeScript(src: string): Promise<number> {
  const { runScript } = await import('../src/run/run');
  const t0 = performance.now();
  const r = await runScript(src, { limits: { maxMillis: 120_000 } });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`bench script failed: ${r.error.formatted}`);
  return ms;
}

/** Median wall time (ms) of RUNS runs of a whole script after WARMUP runs. */
async function medianScriptMs(src: string): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await timeScript(src);
  const ts: number[] = [];
  for (let i = 0; i < RUNS; i++) ts.push(await timeScript(src));
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

// ---- functional_call through the interpreter ----------------------------------------------------

const SETUP: Record<string, string> = {
  linear: 'model = nn.Linear(4, 4)\nx = torch.randn(8, 4)\n',
  seq: 'layers = []\nfor _ in range(100):\n    layers += [nn.Linear(64, 64), nn.ReLU()]\nmodel = nn.Sequential(*layers)\nx = torch.randn(8, 64)\n',
};

const fcScript = (setup: string, n: number, body: string): string =>
  'import torch\nimport torch.nn as nn\nfrom torch.func import functional_call\n' +
  setup +
  'p = {k: v.detach().clone() for k, v in model.named_parameters()}\n' +
  `for _ in range(${n}):\n    ${body}\n`;

/** µs per iteration of `body`, net of the same script with an empty loop body (median). */
async function perCallUs(setup: string, n: number, body: string): Promise<number> {
  await timeScript(fcScript(setup, n, body));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const full = await timeScript(fcScript(setup, n, body));
    const empty = await timeScript(fcScript(setup, n, 'pass'));
    samples.push(((full - empty) / n) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[2];
}

export async function benchInterp(): Promise<Row[]> {
  const { prepareRuntime } = await import('../src/run/prepare');
  await prepareRuntime();
  const cpy = JSON.parse(oracleFile('cpython.json')) as CPythonFigures;
  const note = `CPython ${cpy.date}`;
  const rows: Row[] = [
    { group: 'interpreter', name: 'pure loop, 100k × `s += i * 2` (whole script)', value: await medianScriptMs(oracleFile('loop.py')), unit: 'ms', baseline: cpy['loop.py'], baselineName: `${note}` },
    { group: 'interpreter', name: 'attribute-heavy forward, 200 calls × 50 attrs (whole script)', value: await medianScriptMs(oracleFile('forward.py')), unit: 'ms', baseline: cpy['forward.py'], baselineName: `${note} + PyTorch 2.6` },
  ];
  const pt = pytorchFigures();
  const cases: [string, string, number, PyTorchCase | undefined][] = [
    ['Linear(4,4), 2 keys', SETUP.linear, 1000, pt?.linear_4x4],
    ['Sequential(100×[Linear(64,64),ReLU]), 200 keys', SETUP.seq, 40, pt?.seq_100x_linear64_relu],
  ];
  for (const [label, setup, n, ref] of cases) {
    const fc = await perCallUs(setup, n, 'functional_call(model, p, (x,))');
    const base = ref ? { baseline: ref.functional_call_us, baselineName: 'PyTorch 2.6' } : {};
    rows.push({ group: 'interpreter · functional_call', name: `${label}, per call from Python`, value: fc, unit: 'µs', ...base });
  }
  return rows;
}

// `npx tsx bench/interp.ts` prints the rows on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchInterp()) {
    const ratio = r.baseline === undefined ? '' : `  (${r.baselineName}: ${r.baseline.toFixed(2)} ${r.unit}, ratio ${(r.value / r.baseline).toFixed(2)}×)`;
    console.log(`${r.group} | ${r.name}: ${r.value.toFixed(2)} ${r.unit}${ratio}`);
  }
}
