// Test helpers for nn/ (imported by *.test.ts only): tensors and Parameters from plain numbers,
// golden-file access for the conformance scenarios, and error capture in Python's shape
// (`type(e).__name__`, `str(e)`).

import { readFileSync } from 'node:fs';
import { PyError } from '../../errors';
import { Tensor } from '../../tensor/tensor';
import { makeParameter } from '../bridge';

export function tensor(values: number[] | number, shape?: number[]): Tensor {
  const vals = typeof values === 'number' ? [values] : values;
  const t = Tensor.fromArray(Float32Array.from(vals), shape ?? (typeof values === 'number' ? [] : [vals.length]), 'float32');
  return t;
}

export const param = (values: number[] | number, shape?: number[]): Tensor => makeParameter(tensor(values, shape));

/** The PyTorch golden of a conformance scenario, e.g. golden('47_nn_setattr_rules'). */
export function golden(name: string): { stdout: string; error: { type: string; message: string } | null; vars: Record<string, unknown>; warnings: { category: string; message: string }[] } {
  return JSON.parse(readFileSync(new URL(`../../../conformance/${name}.json`, import.meta.url), 'utf8'));
}

/** Run `fn`, returning [pyType, message] of the PyError it raised, or 'ok'. */
export async function pyErr(fn: () => unknown): Promise<[string, string] | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof PyError) return [e.pyType, e.message];
    throw e;
  }
}

/** Python's str(e) for a PyError: KeyError shows its message already repr'd. */
export const strOf = (e: [string, string] | 'ok'): string => (e === 'ok' ? 'ok' : e[1]);

/** A dump value (`{kind, ...}`) as plain JS: str/int/float/bool → primitives, list/tuple → arrays,
 * dict → object, tensor → {shape, data}, exception → [type, message]. */
export function plain(v: unknown): unknown {
  const x = v as { kind: string; value?: unknown; items?: unknown; type?: string; message?: string; shape?: number[]; data?: unknown[] };
  switch (x.kind) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
      return x.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
      return (x.items as unknown[]).map(plain);
    case 'dict':
      return Object.fromEntries(Object.entries(x.items as Record<string, unknown>).map(([k, y]) => [k, plain(y)]));
    case 'exception':
      return [x.type, x.message];
    case 'tensor':
      return { shape: x.shape, data: x.data };
    default:
      return x;
  }
}
