// The torch functions and Tensor methods that PyTorch writes in Python (torch/functional.py and
// torch/_tensor.py) rather than binding through its C++ argument parser: torch.unique,
// unique_consecutive, einsum, meshgrid, norm, split, and Tensor.unique / unique_consecutive /
// unflatten. Their arguments bind with CPython's rules (args.ts binder), as they do in PyTorch;
// the work is the engine's. Tensor.new_tensor (C++ in PyTorch) parses with PyTorch's parser. Also the dtype helpers promote_types / result_type /
// can_cast, which are C builtins (the Impl table parses them).

import { PyError } from '../../../errors';
import { Ellipsis, type KwArgs, PyBuiltinFunction, PyFloat, PyList, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { ArgParser } from './argparse/parse';
import { IMPLS } from './ops/impls';
import { atLeast } from './ops/impls_layout';
import { warnCopyConstruct } from './ops/factories';
import { nestedData } from './tensor/convert';
import { defTensor } from './tensor/type';
import { dtypeObject, toEngineDtype } from './types/dtype';
import * as E from './tensor/engine';
import type { Tensor } from './tensor/engine';

const truth = (v: PyValue): boolean => v === true || (typeof v === 'number' && v !== 0);
const tensorOrThrow = (v: PyValue, fn: string): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `${fn}(): argument 'input' (position 1) must be Tensor, not ${typeof v}`);
  return v;
};

// ---- unique ---------------------------------------------------------------------------------------------

function uniqueResult(r: E.UniqueResult, inverse: boolean, counts: boolean): PyValue {
  if (!inverse && !counts) return r.values;
  const items: PyValue[] = [r.values];
  if (inverse) items.push(r.inverse!);
  if (counts) items.push(r.counts!);
  return new PyTuple(items);
}
const uniqueArgs = binder('unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None)');
const unique = (a: PyValue[], kw: KwArgs): PyValue => {
  const [x, sorted, inv, counts, dim] = uniqueArgs(a, kw).values;
  const r = E.unique(tensorOrThrow(x, 'unique'), { sorted: truth(sorted), returnInverse: truth(inv), returnCounts: truth(counts), dim: dim === null ? null : Number(dim) });
  return uniqueResult(r, truth(inv), truth(counts));
};
const consecutiveArgs = binder('unique_consecutive(input, return_inverse=False, return_counts=False, dim=None)');
const uniqueConsecutive = (a: PyValue[], kw: KwArgs): PyValue => {
  const [x, inv, counts, dim] = consecutiveArgs(a, kw).values;
  if (dim !== null) throw new PyError('NotImplementedError', 'unique_consecutive(dim=...) is not supported in this playground');
  const r = E.uniqueConsecutive(tensorOrThrow(x, 'unique_consecutive'), truth(inv), truth(counts));
  return uniqueResult(r, truth(inv), truth(counts));
};

// ---- einsum, meshgrid, norm, split ----------------------------------------------------------------------

const tensorsOf = (args: readonly PyValue[]): Tensor[] => {
  const flat = args.length === 1 && (args[0] instanceof PyList || args[0] instanceof PyTuple) ? args[0].items : args;
  return flat.map((t) => {
    if (!(t instanceof E.Tensor)) throw new PyError('TypeError', `expected Tensor as element ${flat.indexOf(t)} in argument 1, but got ${typeof t}`);
    return t;
  });
};
/** One subscript of einsum's sublist format (torch/functional.py parse_subscript). */
const subscript = (n: PyValue): string => {
  if (n === Ellipsis) return '...';
  const k = Number(n);
  if (k >= 0 && k < 26) return String.fromCharCode(65 + k);
  if (k >= 26 && k < 52) return String.fromCharCode(97 + k - 26);
  throw new PyError('ValueError', 'einsum(): subscript in subscript list is not within the valid range [0, 52)');
};
const sublist = (v: PyValue): string => {
  if (!(v instanceof PyList || v instanceof PyTuple)) throw new PyError('TypeError', `'${typeof v}' object is not iterable`);
  return v.items.map(subscript).join('');
};
const einsum = (a: PyValue[]): PyValue => {
  if (a.length < 2) throw new PyError('ValueError', 'einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list');
  if (a[0] instanceof E.Tensor) {
    // sublist format: operand, subscripts, operand, subscripts, ..., [output subscripts]
    const odd = a.length % 2 === 1;
    const equation = a.filter((_, i) => i % 2 === 1).map(sublist).join(',') + (odd ? '->' + sublist(a[a.length - 1]) : '');
    return E.einsum(equation, tensorsOf((odd ? a.slice(0, -1) : a).filter((_, i) => i % 2 === 0)));
  }
  return E.einsum(String(a[0]), tensorsOf(a.slice(1)));
};
const meshgrid = (a: PyValue[], kw: KwArgs): PyValue => {
  const indexing = kw?.get('indexing') ?? null;
  return new PyTuple(E.meshgrid(tensorsOf(a), indexing === null ? undefined : String(indexing)));
};
const normArgs = binder('norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None)');
const norm = (a: PyValue[], kw: KwArgs): PyValue => {
  const [x, p, dim, keepdim, , dtype] = normArgs(a, kw).values;
  return torchNorm(tensorOrThrow(x, 'norm'), p, dim, keepdim, dtype);
};
/** torch.norm (torch/functional.py) on parsed arguments; Tensor.norm calls it too. */
export function torchNorm(t: Tensor, p: PyValue, dim: PyValue, keepdim: PyValue, dtype: PyValue): Tensor {
  const dims = dim === null ? null : dim instanceof PyTuple || dim instanceof PyList ? dim.items.map(Number) : Number(dim);
  if (typeof p === 'string' && !(p === 'fro' && (dims === null || typeof dims === 'number' || dims.length <= 2))) {
    // 'nuc' (or 'fro' over more than two dims) is linalg.matrix_norm over `dim`, all dims when
    // None (matrix_norm then gives its own errors)
    const md = dims === null ? t.shape.map((_, i) => i) : typeof dims === 'number' ? [dims] : dims;
    if (md.length !== 2) throw new PyError('RuntimeError', `linalg.matrix_norm: dim must be a 2-tuple. Got ${md.join(' ')}`);
    if (p !== 'fro' && p !== 'nuc') throw new PyError('RuntimeError', `linalg.matrix_norm: Order ${p} not supported.`);
    const src = dtype === null ? t : E.toDtype(t, toEngineDtype(dtype));
    return E.matrixNorm(src, p, [md[0], md[1]], truth(keepdim));
  }
  const pv = p === 'fro' || p === null ? 2 : p instanceof PyFloat ? p.v : Number(p);
  return E.norm(t, pv, dims, truth(keepdim), dtype === null ? null : toEngineDtype(dtype));
}
const splitArgs = binder('split(tensor, split_size_or_sections, dim=0)');
const split = (a: PyValue[], kw: KwArgs): PyValue => {
  const [x, size, dim] = splitArgs(a, kw).values;
  const s = size instanceof PyList || size instanceof PyTuple ? size.items.map(Number) : Number(size);
  return new PyTuple(E.split(tensorOrThrow(x, 'split'), s, Number(dim)));
};

// ---- dtype helpers (C builtins, parsed by the Impl table) --------------------------------------------------------

IMPLS.promote_types = (_t, a) => dtypeObject(E.promoteTypes(toEngineDtype(a.dtypeArg('type1')!), toEngineDtype(a.dtypeArg('type2')!)));
IMPLS.can_cast = (_t, a) => E.canCast(toEngineDtype(a.dtypeArg('from_')!), toEngineDtype(a.dtypeArg('to')!));
IMPLS.result_type = (_t, a) => {
  const pick = (k: string) => (a.raw(k) instanceof E.Tensor ? a.tensor(k) : a.scalar(k));
  const names = ['tensor', 'other', 'scalar', 'scalar1', 'scalar2'].filter((k) => a.hasParam(k));
  return dtypeObject(E.resultType(...names.map(pick)));
};

/** The Python-level torch functions, as entries of the torch module. */
export function pyTorchFunctions(): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue): void => {
    m.set(name, new PyBuiltinFunction(name, f, `torch.${name}`));
  };
  fn('unique', unique);
  fn('unique_consecutive', uniqueConsecutive);
  fn('einsum', einsum);
  fn('meshgrid', meshgrid);
  fn('norm', norm);
  fn('split', split);
  fn('cartesian_prod', (a) => E.cartesianProd(tensorsOf(a)));
  for (const n of [1, 2, 3]) {
    // atleast_Nd(*tensors): one tensor gives a tensor, several (or a sequence) give a tuple
    fn(`atleast_${n}d`, (a) => {
      const one = a.length === 1 && a[0] instanceof E.Tensor;
      const out = tensorsOf(a).map((t) => atLeast(t, n));
      return one ? out[0] : new PyTuple(out);
    });
  }
  return m;
}

// ---- Tensor methods of torch/_tensor.py -----------------------------------------------------------------------

const methodUnique = binder('unique(self, sorted=True, return_inverse=False, return_counts=False, dim=None)');
defTensor('unique', (a, kw) => {
  const [self, sorted, inv, counts, dim] = methodUnique(a, kw).values;
  const r = E.unique(self as Tensor, { sorted: truth(sorted), returnInverse: truth(inv), returnCounts: truth(counts), dim: dim === null ? null : Number(dim) });
  return uniqueResult(r, truth(inv), truth(counts));
});
const methodConsecutive = binder('unique_consecutive(self, return_inverse=False, return_counts=False, dim=None)');
defTensor('unique_consecutive', (a, kw) => {
  const [self, inv, counts] = methodConsecutive(a, kw).values;
  return uniqueResult(E.uniqueConsecutive(self as Tensor, truth(inv), truth(counts)), truth(inv), truth(counts));
});
const methodUnflatten = binder('unflatten(self, dim, sizes)');
defTensor('unflatten', (a, kw) => {
  const [self, dim, sizes] = methodUnflatten(a, kw).values;
  const s = sizes instanceof PyList || sizes instanceof PyTuple ? sizes.items.map(Number) : [Number(sizes)];
  return E.unflatten(self as Tensor, Number(dim), s);
});
// Tensor.new_tensor is C++ (tensor_new.cpp) with its own parser signature: data positional only.
const newTensorParser = new ArgParser(['new_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool requires_grad=False)']);
defTensor('new_tensor', async (a, kw) => {
  const t = a[0] as Tensor;
  const r = newTensorParser.parse(a.slice(1), kw);
  const data = r.raw('data') ?? null;
  if (data instanceof E.Tensor) await warnCopyConstruct('tensor.new_tensor');
  const dtype = r.dtypeArg('dtype');
  const d = dtype === null ? t.dtype : toEngineDtype(dtype);
  const out = data instanceof E.Tensor ? E.toDtype(E.detach(data), d, true) : E.tensor(nestedData(data), { dtype: d });
  if (r.bool('requires_grad')) out.requiresGrad = true;
  return out;
});
