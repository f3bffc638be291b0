// functional_call's own cost, beside PyTorch 2.6's (issue 3 item 7): Linear(4,4) with 2 override
// keys and Sequential(100 × [Linear(64,64), ReLU]) with 200 keys, x = [8,4] / [8,64]. Per case:
// the full call, the forward alone (a direct call), and "swap only" — tie expansion, swap-in,
// restore and write-back with no forward (PyTorch's `with _reparametrize_module(...): pass`) —
// also per key. Medians of many calls after a warm-up, like the oracle's script
// (oracle/functional_call.pytorch.py, whose output oracle/functional_call.pytorch.json holds
// the PyTorch figures shown as the baseline; PyTorch's are wall-clock medians). Through the
// interpreter (the user's real path) the same calls run in a Python loop, net of an empty loop.
// Ours are CPU-time medians: the bench machine is shared, and wall-clock there mostly measures
// the other tenants.

import { readFileSync } from 'node:fs';
import { PyDict, type PyValue, call } from '../src/python/object';
import { construct, functionalCall, LinearType, ReLUType, SequentialType, withReparametrized, namedMembers } from '../src/nn/index';
import type { Module } from '../src/nn/module';
import { clone } from '../src/tensor/ops/copy';
import { defaultGenerator, randn } from '../src/tensor/random';
import { Tensor } from '../src/tensor/tensor';
import type { Row } from './engine';

const N_CALLS = 100;
/** CPU time spent warming each function up before sampling (V8 tiers up after many calls). */
const WARMUP_US = 100_000;

/** Process CPU time in µs (user + system): on this shared 2-core machine wall-clock time mostly
 * measures the other tenants; CPU time measures us. */
const cpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/** Median µs (CPU time) per call for each function, sampled interleaved (a batch of each in turn,
 * so drifting machine load hits all alike) after a warm-up long enough for V8 to optimise them. */
async function medianUsMany(fns: (() => Promise<unknown>)[], n = N_CALLS): Promise<number[]> {
  const batches: number[] = [];
  for (const fn of fns) {
    const w0 = cpuUs();
    while (cpuUs() - w0 < WARMUP_US) await fn();
    let batch = 1;
    for (;;) {
      const t0 = cpuUs();
      for (let i = 0; i < batch; i++) await fn();
      if (cpuUs() - t0 >= 1000 || batch >= 8192) break;
      batch *= 2;
    }
    batches.push(batch);
  }
  const samples: number[][] = fns.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fns.length; k++) {
      const t0 = cpuUs();
      for (let j = 0; j < batches[k]; j++) await fns[k]();
      samples[k].push((cpuUs() - t0) / batches[k]);
    }
  }
  return samples.map((ts) => ts.sort((x, y) => x - y)[Math.floor(ts.length / 2)]);
}

interface PyTorchCase {
  n_override_keys: number;
  direct_call_us: number;
  functional_call_us: number;
  swap_only_us: number;
}

function pytorchFigures(): Record<string, PyTorchCase> | null {
  try {
    const dump = JSON.parse(readFileSync(new URL('./oracle/functional_call.pytorch.json', import.meta.url), 'utf8'));
    return (dump.vars?.results ? decode(dump.vars.results) : null) as Record<string, PyTorchCase> | null;
  } catch {
    return null;
  }
}

/** The oracle dump's {kind, ...} encoding back to plain values. */
function decode(v: { kind: string; value?: unknown; items?: unknown }): unknown {
  if (v.kind === 'dict') return Object.fromEntries(Object.entries(v.items as Record<string, never>).map(([k, x]) => [k, decode(x)]));
  if (v.kind === 'list' || v.kind === 'tuple') return (v.items as never[]).map(decode);
  return v.value;
}

const randnT = (shape: number[]): Tensor => Tensor.fromArray(randn(defaultGenerator, shape.reduce((a, b) => a * b, 1)) as Float32Array, shape, 'float32');

async function benchCase(group: string, model: Module, x: Tensor, pt: PyTorchCase | undefined): Promise<Row[]> {
  const overrides = new PyDict();
  for (const [k, v] of namedMembers(model, 'parameters')) overrides.set(k, clone(v));
  for (const [k, v] of namedMembers(model, 'buffers')) overrides.set(k, clone(v));
  const keys = overrides.size;
  const [direct, fc, swap] = await medianUsMany([
    () => call(model, [x]),
    () => functionalCall(model, overrides, x),
    () => withReparametrized(model, overrides, { tieWeights: true }, async () => null),
  ]);
  const base = (v: number | undefined) => (v === undefined ? {} : { baseline: v, baselineName: 'PyTorch 2.6' });
  return [
    { group, name: `functional_call, ${keys} keys (total per call)`, value: fc, unit: 'µs', ...base(pt?.functional_call_us) },
    { group, name: 'forward alone (direct call)', value: direct, unit: 'µs', ...base(pt?.direct_call_us) },
    { group, name: 'swap only (enter + leave, no forward)', value: swap, unit: 'µs', ...base(pt?.swap_only_us) },
    { group, name: 'swap only, per key', value: swap / keys, unit: 'µs', ...base(pt ? pt.swap_only_us / pt.n_override_keys : undefined) },
    { group, name: 'overhead (functional_call − direct)', value: fc - direct, unit: 'µs', ...base(pt ? pt.functional_call_us - pt.direct_call_us : undefined) },
  ];
}

// ---- through the interpreter -------------------------------------------------------------------

const SETUP: Record<string, string> = {
  linear: 'lin = nn.Linear(4, 4)\nmodel = lin\nx = torch.randn(8, 4)\n',
  seq: 'layers = []\nfor _ in range(100):\n    layers += [nn.Linear(64, 64), nn.ReLU()]\nmodel = nn.Sequential(*layers)\nx = torch.randn(8, 64)\n',
};

const script = (setup: string, n: number, body: string): string =>
  'import torch\nimport torch.nn as nn\nfrom torch.func import functional_call\n' +
  setup +
  'p = {k: v.detach().clone() for k, v in model.named_parameters()}\n' +
  `for _ in range(${n}):\n    ${body}\n`;

/** µs per loop iteration of each body, net of an empty loop over the same setup: the scripts run
 * interleaved, 7 rounds, median per body. */
async function perCallThroughPython(setup: string, n: number, bodies: string[]): Promise<number[]> {
  const { runScript } = await import('../src/run/run');
  const time = async (src: string): Promise<number> => {
    const t0 = cpuUs();
    const r = await runScript(src, { limits: { maxMillis: 120_000 } });
    if (r.error) throw new Error(`bench script failed: ${r.error.formatted}`);
    return cpuUs() - t0;
  };
  const samples: number[][] = bodies.map(() => []);
  for (let round = 0; round < 7; round++) {
    const empty = await time(script(setup, n, 'pass'));
    for (let k = 0; k < bodies.length; k++) samples[k].push(((await time(script(setup, n, bodies[k]))) - empty) / n);
  }
  return samples.map((ts) => ts.sort((a, b) => a - b)[3]);
}

async function benchInterpreter(pt: Record<string, PyTorchCase> | null): Promise<Row[]> {
  const { prepareRuntime } = await import('../src/run/prepare');
  await prepareRuntime();
  const rows: Row[] = [];
  const cases: [string, string, number, PyTorchCase | undefined][] = [
    ['functional_call · Linear(4,4) · through the interpreter (CPU time)', SETUP.linear, 20000, pt?.linear_4x4],
    ['functional_call · Sequential(100×[Linear(64,64),ReLU]) · through the interpreter (CPU time)', SETUP.seq, 200, pt?.seq_100x_linear64_relu],
  ];
  for (const [group, setup, n, ref] of cases) {
    const [fc, direct] = await perCallThroughPython(setup, n, ['functional_call(model, p, (x,))', 'model(x)']);
    const base = (v: number | undefined) => (v === undefined ? {} : { baseline: v, baselineName: 'PyTorch 2.6' });
    rows.push(
      { group, name: 'functional_call (total per call)', value: fc, unit: 'µs', ...base(ref?.functional_call_us) },
      { group, name: 'forward alone (direct call)', value: direct, unit: 'µs', ...base(ref?.direct_call_us) },
      { group, name: 'overhead (functional_call − direct)', value: fc - direct, unit: 'µs', ...base(ref ? ref.functional_call_us - ref.direct_call_us : undefined) },
    );
  }
  return rows;
}

export async function benchFunctionalCall(): Promise<Row[]> {
  defaultGenerator.manualSeed(0);
  const pt = pytorchFigures();
  const rows: Row[] = [];
  const lin = await construct(LinearType, [4, 4]);
  rows.push(...(await benchCase('functional_call · Linear(4,4) · TS API (CPU time)', lin, randnT([8, 4]), pt?.linear_4x4)));
  const layers: PyValue[] = [];
  for (let i = 0; i < 100; i++) layers.push(await construct(LinearType, [64, 64]), await construct(ReLUType));
  const seq = await construct(SequentialType, layers);
  rows.push(...(await benchCase('functional_call · Sequential(100×[Linear(64,64),ReLU]) · TS API (CPU time)', seq, randnT([8, 64]), pt?.seq_100x_linear64_relu)));
  rows.push(...(await benchInterpreter(pt)));
  return rows;
}

// `npx tsx bench/functional_call.ts` prints the rows on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchFunctionalCall()) {
    console.log(`${r.group} | ${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.baseline === undefined ? '' : ` (PyTorch ${r.baseline.toFixed(2)})`}`);
  }
}
