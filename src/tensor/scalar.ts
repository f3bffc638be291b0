// How a Python scalar travels into tensor ops without losing int-vs-float. The convention follows
// the interpreter's value representation (src/python/object.ts), so bindings pass values through:
//
//   boolean            → Python bool
//   bigint             → Python int
//   number             → Python int when Number.isInteger(v), else Python float (0.5, NaN, ±inf)
//   { v: number }      → Python float, always (the interpreter's PyFloat; FloatScalar here), so
//                        `2.0` stays a float even though it is integral
//
// PyTorch turns a scalar operand into a "wrapped number" 0-d tensor: int → int64, float → double,
// bool → bool, and type promotion treats it as the lowest-priority participant (promotion.ts).
// TS callers that want float semantics for an integral value write `pyf(2)`.

import { PyError } from '../errors';
import type { DType } from './dtype';

export interface BoxedFloat {
  readonly v: number;
}

export class FloatScalar implements BoxedFloat {
  constructor(readonly v: number) {}
}

export type Scalar = number | bigint | boolean | BoxedFloat;

/** A Python float scalar (keeps `2.0` a float). */
export const pyf = (v: number): FloatScalar => new FloatScalar(v);

export type ScalarKind = 'bool' | 'int' | 'float';

export function scalarKind(s: Scalar): ScalarKind {
  switch (typeof s) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(s) ? 'int' : 'float';
    default:
      return 'float';
  }
}

export const isScalar = (x: unknown): x is Scalar =>
  typeof x === 'number' ||
  typeof x === 'bigint' ||
  typeof x === 'boolean' ||
  (typeof x === 'object' && x !== null && typeof (x as BoxedFloat).v === 'number' && Object.keys(x).length === 1);

/** The numeric value as a JS double (bool → 0/1, bigint → nearest double). */
export function scalarToNumber(s: Scalar): number {
  switch (typeof s) {
    case 'boolean':
      return s ? 1 : 0;
    case 'bigint':
      return Number(s);
    case 'number':
      return s;
    default:
      return s.v;
  }
}

/** The value as an exact bigint (only for int/bool scalars; floats are truncated). */
export function scalarToBigInt(s: Scalar): bigint {
  switch (typeof s) {
    case 'boolean':
      return s ? 1n : 0n;
    case 'bigint':
      return s;
    case 'number':
      return BigInt(Math.trunc(s));
    default:
      return BigInt(Math.trunc(s.v));
  }
}

/** dtype of the wrapped-number tensor PyTorch makes from a scalar (before default-dtype rules). */
export function scalarWrappedDtype(s: Scalar): DType {
  const k = scalarKind(s);
  return k === 'bool' ? 'bool' : k === 'int' ? 'int64' : 'float64';
}

/** Python's repr of the scalar as PyTorch prints it inside messages (`1.5`, `2`, `True`). */
export function scalarRepr(s: Scalar): string {
  const k = scalarKind(s);
  if (k === 'bool') return s ? 'True' : 'False';
  if (k === 'int') return String(typeof s === 'bigint' ? s : scalarToNumber(s));
  const v = scalarToNumber(s);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v);
}

export function expectIntScalar(s: Scalar, what: string): number {
  if (scalarKind(s) === 'float') throw new PyError('TypeError', `${what} must be int, not float`);
  return scalarToNumber(s);
}
