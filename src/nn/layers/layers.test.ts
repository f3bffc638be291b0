// Built-in layers against real PyTorch (fixtures/layers.oracle.py): after manual_seed(0) each layer
// is built in the oracle's order, so default-init draws line up; repr, state_dict (names, shapes,
// dtypes, float32 values bit for bit) and the forward output on a fixed input must all match.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyDict, PyFloat, PyList, PyTuple, type KwArgs, type PyValue, call, callMethod } from '../../python/object';
import { defaultGenerator } from '../../tensor/random';
import { Tensor } from '../../tensor/tensor';
import { construct, stateDict } from '../index';
import { pyRepr } from '../pyproto';
import { tensor } from '../testing/helpers';
import * as L from './index';

interface Case {
  name: string;
  repr: string;
  state: Record<string, { shape: number[]; dtype: string; data: number[] }>;
  out: { shape: number[]; data: number[] } | null;
}
const dump = JSON.parse(readFileSync(new URL('./fixtures/layers.oracle.json', import.meta.url), 'utf8'));
const cases: Case[] = JSON.parse(dump.stdout);

const x23 = () => tensor([0, 1, 2, 3, 4, 5].map((i) => i / 4 - 0.5), [2, 3]);
const arange = (n: number, shape: number[], div = 1) => tensor([...Array(n).keys()].map((i) => i / div), shape);
const long = (vals: number[], shape: number[]) => Tensor.fromArray(BigInt64Array.from(vals.map(BigInt)), shape, 'int64');
const kw = (o: Record<string, PyValue>): KwArgs => new Map(Object.entries(o));
const f = (v: number) => new PyFloat(v);

type Build = [string, () => Promise<PyValue>, () => PyValue[], boolean?];
const seq = async (...ms: PyValue[]) => construct(L.SequentialType, ms);

const builds: Build[] = [
  ['Linear(3,2)', () => construct(L.LinearType, [3, 2]), () => [x23()]],
  ['Linear(3,4,bias=False)', () => construct(L.LinearType, [3, 4], kw({ bias: false })), () => [x23()]],
  ['Bilinear(3,2,2)', () => construct(L.BilinearType, [3, 2, 2]), () => [x23(), tensor([1, -1, 0.5, 2], [2, 2])]],
  ['Embedding(5,3,padding_idx=-2)', () => construct(L.EmbeddingType, [5, 3], kw({ padding_idx: -2 })), () => [long([0, 3, 1, 4], [2, 2])]],
  ['Embedding(2,2)', () => construct(L.EmbeddingType, [2, 2]), () => [long([1, 0, 1], [3])]],
  ['Embedding(40,3,max_norm=1.0)', () => construct(L.EmbeddingType, [40, 3], kw({ max_norm: f(1), scale_grad_by_freq: true })), () => []],
  ['LayerNorm(3)', () => construct(L.LayerNormType, [3]), () => [x23()]],
  ['LayerNorm((2,3),eps=1e-3,affine=False)', () => construct(L.LayerNormType, [new PyTuple([2, 3])], kw({ eps: f(1e-3), elementwise_affine: false })), () => [x23()]],
  ['BatchNorm1d(3)', () => construct(L.BatchNorm1dType, [3]), () => [x23()]],
  ['BatchNorm1d(3,momentum=None).eval', () => construct(L.BatchNorm1dType, [3], kw({ momentum: null })), () => [x23()], false],
  ['BatchNorm2d(2,affine=False)', () => construct(L.BatchNorm2dType, [2], kw({ affine: false })), () => [arange(16, [2, 2, 2, 2])]],
  ['Conv1d(2,4,3,stride=2,padding=1)', () => construct(L.Conv1dType, [2, 4, 3], kw({ stride: 2, padding: 1 })), () => [arange(10, [1, 2, 5], 10)]],
  ['Conv2d(1,2,3,padding=same,bias=False)', () => construct(L.Conv2dType, [1, 2, 3], kw({ padding: 'same', bias: false })), () => [arange(16, [1, 1, 4, 4], 8)]],
  ['Conv2d(2,2,(1,2),groups=2,dilation=2)', () => construct(L.Conv2dType, [2, 2, new PyTuple([1, 2])], kw({ groups: 2, dilation: 2 })), () => [arange(18, [1, 2, 3, 3])]],
  ['ReLU', () => construct(L.ReLUType), () => [x23()]],
  ['ReLU(inplace)', () => construct(L.ReLUType, [], kw({ inplace: true })), () => [x23()]],
  ['GELU', () => construct(L.GELUType), () => [x23()]],
  ['GELU(tanh)', () => construct(L.GELUType, ['tanh']), () => [x23()]],
  ['Tanh', () => construct(L.TanhType), () => [x23()]],
  ['Sigmoid', () => construct(L.SigmoidType), () => [x23()]],
  ['SiLU', () => construct(L.SiLUType), () => [x23()]],
  ['Softmax(dim=1)', () => construct(L.SoftmaxType, [], kw({ dim: 1 })), () => [x23()]],
  ['LogSoftmax(dim=-1)', () => construct(L.LogSoftmaxType, [], kw({ dim: -1 })), () => [x23()]],
  ['Flatten', () => construct(L.FlattenType), () => [x23()]],
  ['LeakyReLU(0.2)', () => construct(L.LeakyReLUType, [f(0.2)]), () => [x23()]],
  ['ELU', () => construct(L.ELUType), () => [x23()]],
  ['Identity', () => construct(L.IdentityType), () => [x23()]],
  ['Dropout(0.3).eval', async () => callMethod(await construct(L.DropoutType, [f(0.3)]), 'eval', []), () => [x23()]],
  ['Dropout(0.5).train', () => construct(L.DropoutType), () => [tensor(new Array(8).fill(1), [2, 4])]],
  ['Sequential', async () => seq(await construct(L.LinearType, [3, 2]), await construct(L.ReLUType), await construct(L.LinearType, [2, 1])), () => [x23()]],
  [
    'ModuleList',
    async () => {
      const items: PyValue[] = [];
      for (let i = 0; i < 3; i++) items.push(await construct(L.LinearType, [2, 2]));
      items.push(await construct(L.ReLUType), await construct(L.ReLUType), await construct(L.TanhType));
      return construct(L.ModuleListType, [new PyList(items)]);
    },
    () => [],
  ],
  [
    'ModuleDict',
    async () =>
      construct(L.ModuleDictType, [PyDict.fromEntries([['b', await construct(L.LinearType, [1, 1])], ['a', await seq(await construct(L.IdentityType))]])]),
    () => [],
  ],
];

/** Last-ulp float32 differences in engine kernels (src/tensor/ops/nn — not nn/): listed so the
 * test flips (and the entry must be removed) when a kernel is fixed. Every nn/ concern — init
 * draws, names, shapes, dtypes, reprs — matches exactly. */
const KNOWN_ENGINE_GAPS: string[] = [
  // (batch_norm became bit-exact in c15f1b7; softmax's float32 kernel order matches now)
  'Conv1d(2,4,3,stride=2,padding=1) out', // accumulation order
  'Conv2d(2,2,(1,2),groups=2,dilation=2) out',
];

const flat = (t: Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number | bigint>, Number);

describe('built-in layers match PyTorch (init draws, repr, state, forward)', () => {
  it('covers every fixture case in order', () => {
    expect(builds.map((b) => b[0])).toEqual(cases.map((c) => c.name));
  });
  it('builds, prints and runs each layer', async () => {
    defaultGenerator.manualSeed(0);
    const mismatches: string[] = [];
    const check = (what: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(what);
    };
    for (const [name, build, inputs, train] of builds) {
      const c = cases.find((k) => k.name === name)!;
      const m = await build();
      if (train !== undefined) await callMethod(m, 'train', [train]);
      const xs = inputs();
      const y = xs.length ? ((await call(m, xs)) as Tensor) : null;
      check(`${name} repr`, await pyRepr(m), c.repr);
      const sd = await stateDict(m as never);
      const state: Case['state'] = {};
      for (const [k, v] of sd.entries()) {
        const t = v as Tensor;
        state[k as string] = { shape: t.shape, dtype: `torch.${t.dtype}`, data: flat(t) };
      }
      for (const k of new Set([...Object.keys(state), ...Object.keys(c.state)])) check(`${name} state ${k}`, state[k], c.state[k]);
      check(`${name} out`, y === null ? null : { shape: y.shape, data: flat(y) }, c.out);
    }
    expect(mismatches).toEqual(KNOWN_ENGINE_GAPS);
  });
});
