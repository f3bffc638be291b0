// Python float/int arithmetic for the LR schedulers' formulas, which PyTorch evaluates with
// CPython: int op int stays int (so `lr=1` with a lambda returning 1 prints `1`), anything with a
// float is a float, `/` is always a float, `%` and `//` floor, `**` and math.cos go through the
// correctly rounded crmath (V8's differ from glibc's in the last bits, and lrs are printed with
// repr). A tensor operand (a tensor lr) falls back to the interpreter's own operators.

import { PyError } from '../../../../../errors';
import { binop } from '../../../../builtins/ops';
import { PyFloat, type PyValue } from '../../../../object';
import { crCos, crPow } from '../../../../libm';

const isInt = (v: PyValue): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const isNum = (v: PyValue): boolean => isInt(v) || v instanceof PyFloat;
const val = (v: PyValue): number => (typeof v === 'boolean' ? +v : typeof v === 'number' ? v : (v as PyFloat).v);
const fl = (x: number): PyFloat => new PyFloat(x);

export const F = fl;
export const value = val;

export async function add(a: PyValue, b: PyValue): Promise<PyValue> {
  if (isNum(a) && isNum(b)) return isInt(a) && isInt(b) ? val(a) + val(b) : fl(val(a) + val(b));
  return binop('Add', a, b);
}
export async function sub(a: PyValue, b: PyValue): Promise<PyValue> {
  if (isNum(a) && isNum(b)) return isInt(a) && isInt(b) ? val(a) - val(b) : fl(val(a) - val(b));
  return binop('Sub', a, b);
}
export async function mul(a: PyValue, b: PyValue): Promise<PyValue> {
  if (isNum(a) && isNum(b)) return isInt(a) && isInt(b) ? val(a) * val(b) : fl(val(a) * val(b));
  return binop('Mult', a, b);
}
export async function div(a: PyValue, b: PyValue): Promise<PyValue> {
  if (isNum(a) && isNum(b)) {
    if (val(b) === 0) throw new PyError('ZeroDivisionError', isInt(a) && isInt(b) ? 'division by zero' : 'float division by zero');
    return fl(val(a) / val(b));
  }
  return binop('Div', a, b);
}
export async function pow(a: PyValue, b: PyValue): Promise<PyValue> {
  if (isNum(a) && isNum(b)) {
    if (isInt(a) && isInt(b) && val(b) >= 0) return val(a) ** val(b);
    return fl(crPow(val(a), val(b)));
  }
  return binop('Pow', a, b);
}
/** Python's int `%` (the result takes the divisor's sign). */
export function imod(a: number, m: number): number {
  if (m === 0) throw new PyError('ZeroDivisionError', 'integer modulo by zero');
  return ((a % m) + m) % m;
}
export function ifloordiv(a: number, m: number): number {
  if (m === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
  return Math.floor(a / m);
}
/** math.cos(x) for an int or float x. */
export const cos = (x: PyValue): PyFloat => fl(crCos(val(x)));
export const PI = fl(Math.PI);
