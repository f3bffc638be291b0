// From the Impl table to Python callables: each op name with a PyTorch signature becomes
// `torch.<name>` (TORCH_FUNCTION_SIGNATURES) and/or `Tensor.<name>` (TENSOR_METHOD_SIGNATURES).
// A call parses its arguments with PyTorch's parser, finds the tensor it is about (the receiver,
// or `input`), runs the Impl and honours `out=` by copying into the given tensor.

import { PyError } from '../../../../errors';
import { type KwArgs, PyBuiltinFunction, type PyValue } from '../../../object';
import { ArgParser, type ParsedArgs } from '../argparse/parse';
import { TENSOR_METHOD_SIGNATURES, TENSOR_NOARG_METHODS, TORCH_FUNCTION_SIGNATURES } from '../argparse/signatures.data';
import * as E from '../tensor/engine';
import type { Tensor } from '../tensor/engine';
import { IMPLS } from './impls';
import './impls_order';
import './impls_layout';
import './impls_math';
import './impls_inplace';
import '../linalg_more';

/** Honour `out=`: copy the result into the given tensor (resizing an empty one). */
export function withOut(a: ParsedArgs, r: PyValue): PyValue {
  if (!a.hasParam('out') || !a.has('out') || !(r instanceof E.Tensor)) return r;
  const out = a.tensor('out');
  if (out.shape.length !== r.shape.length || out.shape.some((d, i) => d !== r.shape[i])) {
    if (out.numel() !== 0) throw new PyError('RuntimeError', `out= with a different shape is not supported in this playground`);
    out.set_(E.Storage.alloc(out.dtype, r.numel()), r.shape);
  }
  return E.copy_(out, r);
}

const NOARG = new Set(TENSOR_NOARG_METHODS);
const NO_ARGS = new ArgParser(['noargs()']).parse([], null);

const parsers = new Map<string, ArgParser>();
function parser(kind: 'f' | 'm', name: string, sigs: readonly string[]): ArgParser {
  const key = kind + name;
  let p = parsers.get(key);
  if (!p) parsers.set(key, (p = new ArgParser(sigs)));
  return p;
}

/** `torch.<name>` for an op in IMPLS (null if PyTorch has no such function signature here). */
export function torchFunction(name: string): PyBuiltinFunction | null {
  const impl = IMPLS[name];
  const sigs = TORCH_FUNCTION_SIGNATURES[name];
  if (!impl || !sigs) return null;
  return new PyBuiltinFunction(name, async (args: PyValue[], kwargs: KwArgs) => {
    const a = parser('f', name, sigs).parse(args, kwargs);
    const self = (a.hasParam('input') ? a.raw('input') : a.hasParam('self') ? a.raw('self') : null) ?? null;
    return withOut(a, await impl(self as Tensor, a));
  }, `torch.${name}`);
}

/** `Tensor.<name>` for an op in IMPLS (null if PyTorch has no such method signature here). */
export function tensorMethod(name: string): PyBuiltinFunction | null {
  const impl = IMPLS[name];
  const sigs = TENSOR_METHOD_SIGNATURES[name];
  if (impl && !sigs && NOARG.has(name)) {
    // METH_NOARGS in PyTorch: CPython's own texts for any argument, naming the C class TensorBase.
    return new PyBuiltinFunction(name, async (args: PyValue[], kwargs: KwArgs) => {
      if (kwargs && kwargs.size) throw new PyError('TypeError', `TensorBase.${name}() takes no keyword arguments`);
      if (args.length > 1) throw new PyError('TypeError', `TensorBase.${name}() takes no arguments (${args.length - 1} given)`);
      return impl(args[0] as Tensor, NO_ARGS);
    }, `Tensor.${name}`);
  }
  if (!impl || !sigs) return null;
  return new PyBuiltinFunction(name, async (args: PyValue[], kwargs: KwArgs) => {
    const self = args[0];
    if (!(self instanceof E.Tensor)) throw new PyError('TypeError', `descriptor '${name}' for 'torch._C.TensorBase' objects doesn't apply to a '${typeof self}' object`);
    const a = parser('m', name, sigs).parse(args.slice(1), kwargs);
    return withOut(a, await impl(self, a));
  }, `Tensor.${name}`);
}

/** Names of every op that has an Impl (for installing). */
export const implNames = (): string[] => Object.keys(IMPLS);
