// Tensor printing vs real PyTorch 2.6: every case in fixtures/tensor_cases.json holds a tensor
// built in the oracle (values, dtype, shape, autograd flags, print-option calls, default dtype)
// and torch's repr() of it (see fixtures/gen_tensor_cases.py). The printer must reproduce each
// text byte for byte, reading only the elements the fixture provides (for a summarized tensor just
// the edge items: reading anything else throws).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { PyError } from '../../errors';
import type { DType } from '../dtype';
import {
  formatTensor,
  formatTensorSpec,
  getPrintOptions,
  resetPrintOptions,
  setPrintOptions,
  type PrintableTensor,
  type SetPrintOptionsArgs,
} from './index';

type Raw = string | number | boolean;
interface Case {
  kind: 'curated' | 'random';
  dtype: DType;
  shape: number[];
  calls: Record<string, number | string | boolean | null>[];
  default: DType;
  rg: boolean;
  fn: string | null;
  param: boolean;
  values: Raw[] | { idx: number[]; val: Raw[] };
  text: string;
  /** format(t, spec): [spec, out] or [spec, null, errType, errMsg] */
  fmt: [string, string | null, string?, string?][];
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/tensor_cases.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: Case[];
};

function decode(v: Raw, dtype: DType): number | bigint | boolean {
  if (dtype === 'bool') return v as boolean;
  if (dtype === 'int64') return BigInt(v as string);
  if (typeof v === 'number') return v;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);
}

function tensorOf(c: Case): PrintableTensor {
  let at: (i: number) => number | bigint | boolean;
  if (Array.isArray(c.values)) {
    const vals = c.values.map((v) => decode(v, c.dtype));
    at = (i) => {
      if (!(i >= 0 && i < vals.length)) throw new Error(`read outside the tensor: ${i}`);
      return vals[i];
    };
  } else {
    const m = new Map<number, number | bigint | boolean>();
    c.values.idx.forEach((i, k) => m.set(i, decode((c.values as { val: Raw[] }).val[k], c.dtype)));
    at = (i) => {
      const v = m.get(i);
      if (v === undefined) throw new Error(`read element ${i}, which a summarized print never shows`);
      return v;
    };
  }
  return { dtype: c.dtype, shape: c.shape, at, requiresGrad: c.rg, gradFnName: c.fn, isParameter: c.param, device: 'cpu' };
}

function applyCalls(calls: Case['calls']): void {
  resetPrintOptions();
  setPrintOptions({ profile: 'default' });
  for (const kw of calls) {
    const args: SetPrintOptionsArgs = { ...kw } as SetPrintOptionsArgs;
    if (kw.threshold === 'inf') args.threshold = Infinity;
    setPrintOptions(args);
  }
}

describe(`tensor repr vs PyTorch ${fx.torch}`, () => {
  beforeEach(() => resetPrintOptions());

  it(`reproduces all ${fx.cases.length} oracle cases byte for byte`, () => {
    const failures: { i: number; want: string; got: string }[] = [];
    fx.cases.forEach((c, i) => {
      applyCalls(c.calls);
      let got: string;
      try {
        got = formatTensor(tensorOf(c), getPrintOptions(), { defaultFloat: c.default });
      } catch (e) {
        got = 'THREW ' + String(e);
      }
      if (got !== c.text) failures.push({ i, want: c.text, got });
    });
    console.log(`tensor printing parity: ${fx.cases.length - failures.length} passed, ${failures.length} failed`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(fx.cases.length).toBeGreaterThan(2000);
  });

  it('format(t, spec): 0-d plain tensors format their item, others str() or TypeError', () => {
    let n = 0;
    fx.cases.forEach((c, i) => {
      if (c.fmt.length === 0) return;
      applyCalls(c.calls);
      const t = tensorOf(c);
      for (const [spec, out, errType, errMsg] of c.fmt) {
        let got: string;
        try {
          got = 'ok:' + formatTensorSpec(t, spec, getPrintOptions(), { defaultFloat: c.default });
        } catch (e) {
          if (!(e instanceof PyError)) throw e;
          got = `err:${e.pyType}: ${e.message}`;
        }
        expect(got, `case ${i} spec ${JSON.stringify(spec)}`).toBe(out !== null ? 'ok:' + out : `err:${errType}: ${errMsg}`);
        n++;
      }
    });
    expect(n).toBeGreaterThan(500);
  });

  it('set_printoptions resets sci_mode on every call and profiles set four options', () => {
    setPrintOptions({ sci_mode: true });
    expect(getPrintOptions().sci_mode).toBe(true);
    setPrintOptions({ precision: 2 });
    expect(getPrintOptions()).toMatchObject({ precision: 2, sci_mode: null });
    setPrintOptions({ profile: 'full', linewidth: 100 });
    expect(getPrintOptions()).toMatchObject({ precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 100 });
  });

  it('a non-cpu device adds a device suffix first; cpu adds none', () => {
    const c = fx.cases.find((k) => k.kind === 'curated' && k.shape.length === 1 && !k.text.includes('=') && k.text.length < 40)!;
    applyCalls([]);
    const t = tensorOf(c);
    expect(formatTensor(t)).toBe(c.text);
    expect(formatTensor({ ...t, at: t.at, device: 'webgpu:0' })).toBe(c.text.slice(0, -1) + ", device='webgpu:0')");
  });

  it('prints a summarized 1000x1000 tensor quickly, reading only edge items', () => {
    let reads = 0;
    const t: PrintableTensor = {
      dtype: 'float32', shape: [1000, 1000], requiresGrad: false, gradFnName: null, isParameter: false, device: 'cpu',
      at: (i) => { reads++; return Math.fround(Math.sin(i) * 100); },
    };
    resetPrintOptions();
    const t0 = performance.now();
    const s = formatTensor(t);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(reads).toBeLessThanOrEqual(2 * 36);
    expect(s.split('\n').length).toBe(7);
  });
});
