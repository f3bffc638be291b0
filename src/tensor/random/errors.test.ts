// The Python errors and warnings of the RNG library against torch 2.6's own
// (fixtures/rng_errors.json, made by fixtures/gen_rng_errors.py in the oracle): type, message
// text and warning text, for every argument check the samplers, Generator and nn.init make.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PyError } from '../../errors';
import {
  bernoulliScalar_,
  bernoulliTensor_,
  calculateFanInAndFanOut,
  calculateGain,
  cauchy_,
  checkDropoutP,
  exponential_,
  Generator,
  geometric_,
  initEmbedding,
  kaimingNormal_,
  kaimingUniform_,
  logNormal_,
  multinomial,
  normal_,
  normalWithTensors,
  randomFromTo_,
  randperm,
  setRngWarningHandler,
  sparse_,
  truncNormal_,
  uniform_,
  xavierUniform_,
} from './index';

type Res = { ok?: string; type?: string; message?: string; warnings: string[] };
const want = JSON.parse(readFileSync(new URL('./fixtures/rng_errors.json', import.meta.url), 'utf8')) as Record<string, Res>;

const g = new Generator(0);
const f32 = (n: number) => new Float32Array(n);
const f64 = (n: number) => new Float64Array(n);
const st = () => g.getState();
const withInt32 = (off: number, v: number, b = st()) => (new DataView(b.buffer).setInt32(off, v, true), b);

/** Our side of each fixture id; returns a value whose String() matches torch's repr for "ok". */
const ours: Record<string, () => unknown> = {
  seed_2_64: () => g.manualSeed(2n ** 64n),
  seed_below: () => g.manualSeed(-(2n ** 63n) - 1n),
  seed_min: () => g.manualSeed(-(2n ** 63n)).initialSeed(),
  seed_max: () => g.manualSeed(2n ** 64n - 1n).initialSeed(),
  state_size: () => g.setState(new Uint8Array(10)),
  state_left0: () => g.setState(withInt32(8, 0)),
  state_next: () => {
    const b = st();
    b[16] = 255;
    b[17] = 10;
    g.setState(b);
  },
  randint_eq: () => randomFromTo_(g, 'int64', new BigInt64Array(3), 5, 5),
  randint_gt: () => randomFromTo_(g, 'int64', new BigInt64Array(3), 6, 5),
  randint_u8_hi: () => randomFromTo_(g, 'uint8', new Uint8Array(2), 0, 300),
  randint_u8_lo: () => randomFromTo_(g, 'uint8', new Uint8Array(2), -1, 3),
  randint_i8: () => randomFromTo_(g, 'int8', new Int8Array(2), 0, 129),
  randint_bool: () => randomFromTo_(g, 'bool', new Uint8Array(2), 0, 3),
  randint_f32_warn: () => (randomFromTo_(g, 'float32', f32(2), 0, 2 ** 25), 'torch.Size([2])'),
  randint_f32_neg_warn: () => (randomFromTo_(g, 'float32', f32(2), -(2 ** 26), 0), 'torch.Size([2])'),
  randint_f16_big: () => randomFromTo_(g, 'float16', f32(2), 0, 70000),
  bern_p: () => bernoulliScalar_(g, f32(3), 1.5),
  bern_neg: () => bernoulliScalar_(g, f32(3), -0.25),
  bern_t: () => bernoulliTensor_(g, f32(2), Float32Array.of(0.5, 1.5), 'float32'),
  exp_neg: () => exponential_(g, 'float32', f32(3), -1),
  exp_zero: () => exponential_(g, 'float32', f32(3), 0),
  exp_small: () => exponential_(g, 'float32', f32(3), -1e-7),
  geo_0: () => geometric_(g, f32(3), 0),
  geo_big: () => geometric_(g, f32(3), 1.5),
  normal_neg: () => normal_(g, 'float32', f32(3), 0, -1),
  normal_neg_frac: () => normal_(g, 'float32', f32(3), 0, -0.125),
  normal_t_neg: () => normalWithTensors(g, 'float32', f32(3), f32(3), Float32Array.of(1, -1, 1)),
  lognormal_0: () => logNormal_(g, 'float32', f32(3), 0, 0),
  cauchy_0: () => cauchy_(g, 'float32', f32(3), 0, 0),
  uniform_rev: () => uniform_(g, 'float32', f32(3), 2, 1),
  uniform_rev_frac: () => uniform_(g, 'float32', f32(3), 2.5, 1.25),
  uniform_inf: () => uniform_(g, 'float32', f32(3), 0, Infinity),
  uniform_from_inf: () => uniform_(g, 'float32', f32(3), -Infinity, 0),
  uniform_nan: () => uniform_(g, 'float32', f32(3), NaN, 0),
  uniform_f64_inf: () => uniform_(g, 'float64', f64(3), 0, Infinity),
  uniform_wide: () => uniform_(g, 'float32', f32(3), -3e38, 3e38),
  uniform_wide64: () => uniform_(g, 'float64', f64(3), -1e308, 1e308),
  uniform_big_from: () => uniform_(g, 'float32', f32(3), 1e39, 1e40),
  mult_too_many: () => multinomial(g, Float32Array.of(0.5, 0.5), 1, 2, 3),
  mult_neg: () => multinomial(g, Float32Array.of(-0.5, 0.5), 1, 2, 1),
  mult_inf: () => multinomial(g, Float32Array.of(Infinity, 0.5), 1, 2, 1),
  mult_zero: () => multinomial(g, Float32Array.of(0, 0), 1, 2, 1),
  mult_zero_rep: () => multinomial(g, Float32Array.of(0, 0), 1, 2, 2, true),
  mult_neg_rep: () => multinomial(g, Float32Array.of(-1, 2), 1, 2, 2, true),
  mult_nan_rep: () => multinomial(g, Float32Array.of(NaN, 2), 1, 2, 2, true),
  mult_n0: () => multinomial(g, Float32Array.of(1, 2), 1, 2, 0),
  dropout_p: () => checkDropoutP(1.5),
  dropout_neg: () => checkDropoutP(-0.5),
  dropout_2: () => checkDropoutP(2, '2'),
  fan_1d: () => kaimingUniform_(g, 'float32', f32(3), [3]),
  fan_xavier_1d: () => xavierUniform_(g, 'float32', f32(3), [3]),
  gain_bad: () => calculateGain('foo'),
  gain_slope_str: () => calculateGain('leaky_relu', 'x'),
  gain_slope_bool: () => calculateGain('leaky_relu', true),
  gain_values: () => {
    const v = ['linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'].map((n) => calculateGain(n));
    v.push(calculateGain('leaky_relu', 0.2), calculateGain('leaky_relu', Math.sqrt(5)));
    return `[${v.join(', ')}]`;
  },
  mode_bad: () => kaimingUniform_(g, 'float32', f32(9), [3, 3], { mode: 'x' }),
  mode_upper: () => (kaimingUniform_(g, 'float32', f32(9), [3, 3], { mode: 'FAN_OUT' }), 'torch.Size([3, 3])'),
  sparse_3d: () => sparse_(g, 'float32', f32(27), [3, 3, 3], 0.1),
  kaiming_zero: () => (kaimingUniform_(g, 'float32', f32(0), [0, 3]), 'torch.Size([0, 3])'),
  kaiming_normal_zero: () => (kaimingNormal_(g, 'float32', f32(0), [3, 0]), 'torch.Size([3, 0])'),
  xavier_zero: () => xavierUniform_(g, 'float32', f32(0), [0, 0]),
  trunc_far: () => (truncNormal_(g, 'float32', f32(3), 10), 'torch.Size([3])'),
  randperm_neg: () => randperm(g, -1),
  emb_pad: () => initEmbedding(g, 3, 2, 3),
  emb_pad_neg: () => initEmbedding(g, 3, 2, -4),
  fans: () =>
    `[${[[3, 4], [8, 3, 3, 3], [5, 2, 7], [4, 0]].map((s) => `(${calculateFanInAndFanOut(s).join(', ')})`).join(', ')}]`,
};

describe('errors and warnings match torch 2.6', () => {
  afterEach(() => setRngWarningHandler(null));
  it('covers every fixture id', () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(want).sort());
  });
  for (const [id, fn] of Object.entries(ours)) {
    it(id, () => {
      const w = want[id];
      const warnings: string[] = [];
      setRngWarningHandler((_cat, msg) => warnings.push(msg));
      let got: Res;
      try {
        const r = fn();
        got = { ok: String(r), warnings };
      } catch (e) {
        if (!(e instanceof PyError)) throw e;
        got = { type: e.pyType, message: e.message, warnings };
      }
      expect(got).toEqual(w);
    });
  }
});
