// `torch.linalg`: norms (norm, vector_norm, matrix_norm), det, inv, solve (left= either way), qr,
// svdvals, matrix_exp and matmul (plus linalg_more.ts's composed ones), over the engine's linalg
// ops. Arguments bind with CPython's rules (args.ts binder); results that PyTorch returns as named
// tuples (qr) use torch.return_types.

import { PyError } from '../../../errors';
import { type KwArgs, PyBuiltinFunction, PyFloat, PyList, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { toEngineDtype } from './types/dtype';
import * as E from './tensor/engine';
import type { Tensor } from './tensor/engine';
import { returnTuple } from './ops/returntypes';
import { linalgMoreEntries } from './linalg_more';

const T = (v: PyValue, fn: string): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `linalg_${fn}(): argument 'input' (position 1) must be Tensor, not ${typeof v}`);
  return v;
};
const dimsOf = (v: PyValue): number | number[] | null =>
  v === null ? null : v instanceof PyTuple || v instanceof PyList ? v.items.map(Number) : Number(v);
/** An `ord` argument: a number, inf/-inf (Python floats), or 'fro' / 'nuc'. */
const ordOf = (v: PyValue): number | 'fro' | 'nuc' | null => {
  if (v === null) return null;
  if (v === 'fro' || v === 'nuc') return v;
  if (typeof v === 'string') throw new PyError('RuntimeError', `linalg.matrix_norm: Order ${v} not supported.`);
  return v instanceof PyFloat ? v.v : Number(v);
};
const truth = (v: PyValue): boolean => v === true || (typeof v === 'number' && v !== 0);

const bNorm = binder('norm(A, ord=None, dim=None, keepdim=False, *, out=None, dtype=None)');
const bVector = binder('vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None, out=None)');
const bMatrix = binder('matrix_norm(A, ord="fro", dim=None, keepdim=False, *, dtype=None, out=None)');
const bOne = (name: string) => binder(`${name}(A, *, out=None)`);
const bSolve = binder('solve(A, B, *, left=True, out=None)');
const bQr = binder('qr(A, mode="reduced", *, out=None)');

export function linalgEntries(torch: Map<string, PyValue>): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue): void => {
    m.set(name, new PyBuiltinFunction(name, f, `torch.linalg.${name}`));
  };
  const withDtype = (t: Tensor, d: PyValue): Tensor => (d === null ? t : E.toDtype(t, toEngineDtype(d)));
  fn('norm', (a, kw) => {
    const [x, ord, dim, keepdim, , dtype] = bNorm(a, kw).values;
    return E.linalgNorm(withDtype(T(x, 'norm'), dtype), ordOf(ord), dimsOf(dim), truth(keepdim));
  });
  fn('vector_norm', (a, kw) => {
    const [x, ord, dim, keepdim, dtype] = bVector(a, kw).values;
    const o = ordOf(ord);
    if (typeof o === 'string') throw new PyError('TypeError', `linalg_vector_norm(): argument 'ord' must be Number, not str`);
    return E.vectorNorm(T(x, 'vector_norm'), { ord: o ?? 2, dim: dimsOf(dim), keepdim: truth(keepdim), dtype: dtype === null ? null : toEngineDtype(dtype) });
  });
  fn('matrix_norm', (a, kw) => {
    const [x, ord, dim, keepdim, dtype] = bMatrix(a, kw).values;
    const d = dimsOf(dim);
    const pair = (Array.isArray(d) ? d : [-2, -1]) as [number, number];
    return E.matrixNorm(withDtype(T(x, 'matrix_norm'), dtype), ordOf(ord) ?? 'fro', pair, truth(keepdim));
  });
  const one = (name: string, f: (t: Tensor) => Tensor): void => {
    const b = bOne(name);
    fn(name, (a, kw) => f(T(b(a, kw).values[0], name)));
  };
  one('det', E.det);
  one('inv', E.inv);
  one('matrix_exp', E.matrixExp);
  one('svdvals', E.svdvals);
  fn('solve', (a, kw) => {
    const [A, B, left] = bSolve(a, kw).values;
    if (truth(left)) return E.solve(T(A, 'solve'), T(B, 'solve'));
    // XA = B is Aᵀ Xᵀ = Bᵀ; a vector B is a column here, which never fits (PyTorch's message)
    const mA = T(A, 'solve');
    const b = T(B, 'solve');
    const n = mA.shape[mA.ndim - 1];
    const [br, bc] = b.ndim === 1 ? [b.shape[0], 1] : [b.shape[b.ndim - 2], b.shape[b.ndim - 1]];
    if (b.ndim === 1 || bc !== n) {
      throw new PyError('RuntimeError', `linalg.solve: Incompatible shapes of A and B for the equation XA = B (${mA.shape[mA.ndim - 2]}x${n} and ${br}x${bc})`);
    }
    return E.transpose(E.solve(E.transpose(mA, -2, -1), E.transpose(b, -2, -1)), -2, -1);
  });
  fn('qr', (a, kw) => {
    const [A, mode] = bQr(a, kw).values;
    const [q, r] = E.qr(T(A, 'qr'), String(mode) as 'reduced' | 'complete' | 'r');
    return returnTuple('linalg_qr', [q, r]);
  });
  for (const [k, v] of linalgMoreEntries()) m.set(k, v);
  if (torch.has('matmul')) m.set('matmul', torch.get('matmul')!);
  return m;
}
