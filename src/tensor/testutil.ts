// Test helpers shared by the engine's Vitest suites: compare a Tensor (or a thrown PyError) with a
// record from an oracle fixture using compare.py's rules — values within 1e-5 + 1e-4·|expected|
// for floats, exact for ints and bools, exact dtype / shape / grad_fn / error type and text.

import { expect } from 'vitest';
import { PyError } from '../errors';
import { Tensor } from './tensor';

export type FixValue = number | string;
export interface TensorRecord {
  dtype?: string;
  shape?: number[];
  data?: FixValue[];
  grad_fn?: string | null;
  strides?: number[];
  contiguous?: boolean;
  requires_grad?: boolean;
  error?: { type: string; message: string };
}

const decode = (v: FixValue): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));

/** Returns a message describing the first mismatch, or null. */
export function tensorMismatch(t: Tensor, rec: TensorRecord): string | null {
  if (rec.dtype !== undefined && t.dtype !== rec.dtype) return `dtype ${t.dtype} != ${rec.dtype}`;
  if (rec.shape !== undefined && JSON.stringify(t.shape) !== JSON.stringify(rec.shape)) return `shape [${t.shape}] != [${rec.shape}]`;
  if (rec.strides !== undefined && JSON.stringify(t.strides) !== JSON.stringify(rec.strides)) return `strides [${t.strides}] != [${rec.strides}]`;
  if (rec.contiguous !== undefined && t.isContiguous() !== rec.contiguous) return `is_contiguous ${t.isContiguous()} != ${rec.contiguous}`;
  if (rec.grad_fn !== undefined && (t.gradFn?.name ?? null) !== rec.grad_fn) return `grad_fn ${t.gradFn?.name ?? null} != ${rec.grad_fn}`;
  if (rec.requires_grad !== undefined && t.requiresGrad !== rec.requires_grad) return `requires_grad ${t.requiresGrad} != ${rec.requires_grad}`;
  if (rec.data !== undefined) {
    const got = t.dataSync();
    if (got.length !== rec.data.length) return `numel ${got.length} != ${rec.data.length}`;
    const exact = !(t.dtype.startsWith('float') || t.dtype === 'bfloat16');
    for (let i = 0; i < got.length; i++) {
      const a = Number(got[i]);
      const b = decode(rec.data[i]);
      if (Number.isNaN(b) && Number.isNaN(a)) continue;
      if (exact ? a !== b : !(a === b || Math.abs(a - b) <= 1e-5 + 1e-4 * Math.abs(b)))
        return `value[${i}] ${a} != ${b} (got [${Array.from(got as ArrayLike<number>, Number).join(', ')}])`;
    }
  }
  return null;
}

/** Run `fn` and check it against a fixture record (a tensor or an error). */
export function checkRecord(label: string, fn: () => Tensor, rec: TensorRecord): string | null {
  let t: Tensor;
  try {
    t = fn();
  } catch (e) {
    if (!(e instanceof PyError)) return `${label}: threw non-PyError ${String(e)}`;
    if (rec.error === undefined) return `${label}: unexpected ${e.pyType}: ${e.message}`;
    if (e.pyType !== rec.error.type || e.message !== rec.error.message)
      return `${label}: error ${e.pyType}: ${e.message}\n   expected ${rec.error.type}: ${rec.error.message}`;
    return null;
  }
  if (rec.error !== undefined) return `${label}: expected ${rec.error.type}: ${rec.error.message}, got a tensor`;
  const m = tensorMismatch(t, rec);
  return m === null ? null : `${label}: ${m}`;
}

export function expectNoMismatches(mismatches: (string | null)[]): void {
  const bad = mismatches.filter((m): m is string => m !== null);
  expect(bad, bad.slice(0, 40).join('\n')).toEqual([]);
}
