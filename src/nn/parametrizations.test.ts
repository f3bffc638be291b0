// Built-in parametrizations (orthogonal, weight_norm, spectral_norm) and legacy weight_norm against
// the PyTorch goldens of conformance 34-36 and 38, through the TS API: names, printed values
// (with grad_fn), forward outputs, functional_call overrides of `original*`, and in-place effects.

import { describe, expect, it } from 'vitest';
import { PyDict, type PyValue, call, callMethod, getattr } from '../python/object';
import { Tensor } from '../tensor/tensor';
import { LinearType, construct, functionalCall, installPyProtocols, namedMembers, stateDict } from './index';
import { LEGACY_WEIGHT_NORM_WARNING, legacyWeightNorm, orthogonal, spectralNorm, weightNormParametrization } from './parametrizations';
import { pyRepr, tensorText } from './pyproto';
import { golden, tensor } from './testing/helpers';
import type { Module } from './module';

const out = (name: string): string[] => golden(name).stdout.trimEnd().split('\n');
const names = (it: Iterable<[string, unknown]>): string => JSON.stringify([...it].map(([n]) => n)).replaceAll('"', "'").replaceAll(',', ', ');
const t = (v: PyValue): Tensor => v as Tensor;
const text = (v: PyValue): string[] => tensorText(t(v)).split('\n');
const d = (k: string, v: Tensor) => PyDict.fromEntries([[k, v]]);

async function linear(inF: number, outF: number, w: number[], bias: boolean): Promise<Module> {
  const lin = await construct(LinearType, [inF, outF, bias]);
  (t(lin.params().get('weight')!).storage.data as Float32Array).set(w);
  if (bias) (t(lin.params().get('bias')!).storage.data as Float32Array).fill(0);
  return lin;
}
const pl = async (m: Module, name = 'weight') => getattr(await getattr(m, 'parametrizations'), name);

describe('orthogonal (conformance 34)', () => {
  it('keeps an orthogonal weight as base and sets original to -I', async () => {
    const lin = await linear(2, 2, [0, -1, 1, 0], true);
    await orthogonal(lin);
    const g = out('34_param_orthogonal');
    expect((await pyRepr(lin)).split('\n')).toEqual(g.slice(0, 8));
    expect(`${names(namedMembers(lin, 'parameters'))} ${names(namedMembers(lin, 'buffers'))}`).toBe(g[8]);
    expect(text(await getattr(await pl(lin), 'original'))).toEqual(g.slice(9, 12));
    expect(text(await getattr(lin, 'weight'))).toEqual(g.slice(12, 14));
    const x = tensor([1, 2], [1, 2]);
    const y = await call(lin, [x]);
    const negEye = tensor([-1, 0, 0, -1], [2, 2]);
    const yfc = await functionalCall(lin, d('parametrizations.weight.original', negEye), x);
    expect(`${tensorText(t(y))} ${tensorText(t(yfc))}`).toBe(g[14]);
  });
});

describe('weight_norm (conformance 35)', () => {
  it('splits into g (row norms) and v; overrides rescale rows', async () => {
    const lin = await linear(2, 2, [3, 4, 0, -2], false);
    await weightNormParametrization(lin);
    const g = out('35_param_weight_norm');
    expect(names(namedMembers(lin, 'parameters'))).toBe(g[0]);
    const p = await pl(lin);
    expect([...text(await getattr(p, 'original0')), ...text(await getattr(p, 'original1')), ...text(await getattr(lin, 'weight'))]).toEqual(g.slice(1, 9));
    const x = tensor([1, 1], [1, 2]);
    const o = await call(lin, [x]);
    const newG = await functionalCall(lin, d('parametrizations.weight.original0', tensor([10, 1], [2, 1])), x);
    const both = await functionalCall(
      lin,
      PyDict.fromEntries([
        ['parametrizations.weight.original0', tensor([1, 1], [2, 1])],
        ['parametrizations.weight.original1', tensor([1, 0, 0, 5], [2, 2])],
      ]),
      x,
    );
    expect([o, newG, both].map((v) => tensorText(t(v))).join(' ')).toBe(g[9]);
  });
});

describe('spectral_norm (conformance 36)', () => {
  it('names its u/v buffers, divides by sigma, and the plain key re-normalizes', async () => {
    const sn = await spectralNorm(await linear(2, 2, [3, 0, 0, 1], false));
    const g = out('36_param_spectral_norm');
    const sd = await stateDict(sn);
    expect(`${names(namedMembers(sn, 'parameters'))} ${names(namedMembers(sn, 'buffers'))} ${JSON.stringify([...sd.keys()]).replaceAll('"', "'").replaceAll(',', ', ')}`).toBe(g[0]);
    // The script prints `.detach()`ed values: a grad-free alias of the same storage.
    const plainText = (v: PyValue) => {
      const c = new Tensor(t(v).storage, t(v).shape, t(v).strides, t(v).offset);
      return tensorText(c).split('\n');
    };
    expect(plainText(await getattr(sn, 'weight'))).toEqual(g.slice(1, 3));
    const x = tensor([1, 1], [1, 2]);
    const viaOriginal = await functionalCall(sn, d('parametrizations.weight.original', tensor([4, 0, 0, 2], [2, 2])), x);
    expect(plainText(viaOriginal)).toEqual([g[3]]);
    expect(plainText(await getattr(await pl(sn), 'original'))).toEqual(g.slice(4, 6));
    const viaPlain = await functionalCall(sn, d('weight', tensor([2, 0, 0, 2], [2, 2])), x);
    expect(plainText(viaPlain)).toEqual([g[6]]);
    expect(plainText(await getattr(await pl(sn), 'original'))).toEqual(g.slice(7, 9));
    expect(plainText(await getattr(sn, 'weight'))).toEqual(g.slice(9, 11));
    await callMethod(sn, 'eval', []);
    expect(plainText(await getattr(sn, 'weight'))).toEqual(g.slice(11, 13));
  });
});

describe('legacy nn.utils.weight_norm (conformance 38)', () => {
  it('warns, and its pre-hook overwrites a passed weight', async () => {
    const warned: string[] = [];
    installPyProtocols({ warn: (_c, m) => void warned.push(m) });
    try {
      const lin = await linear(2, 1, [3, 4], false);
      await legacyWeightNorm(lin);
      const g = out('38_param_legacy_weight_norm');
      expect(`${names(namedMembers(lin, 'parameters'))} ${!lin.params().has('weight') && !lin.buffers().has('weight') ? 'True' : 'False'}`).toBe(g[0]);
      const x = tensor([1, 1], [1, 2]);
      const W = tensor([1, 0], [1, 2]);
      const a = d('weight', W);
      const o = await functionalCall(lin, a, x);
      expect(`${tensorText(t(o))} ${a.get('weight') === W ? 'True' : 'False'} ${tensorText(t(a.get('weight')!))}`).toBe(g[1]);
      const og = await functionalCall(lin, d('weight_g', tensor([10], [1, 1])), x);
      const ov = await functionalCall(lin, d('weight_v', tensor([0, 2], [1, 2])), x);
      expect(`${tensorText(t(og))} ${tensorText(t(ov))}`).toBe(g[2]);
      expect(warned).toEqual([LEGACY_WEIGHT_NORM_WARNING]);
      expect(golden('38_param_legacy_weight_norm').warnings[0].message).toBe(LEGACY_WEIGHT_NORM_WARNING);
    } finally {
      installPyProtocols({ warn: () => {} });
    }
  });
});
