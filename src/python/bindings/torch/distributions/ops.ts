// The op vocabulary the torch.distributions classes are written in. PyTorch implements
// distributions in Python on top of tensor ops; to get the same rounding, the same RNG draws and
// the same autograd graph, every formula here is the same sequence of Python-level operations —
// `a - b` goes through Tensor.__sub__, `torch.normal(...)` through the bound torch function — so
// scalars wrap, dtypes promote and grad_fns record exactly as they do for the Python source. The
// few helpers PyTorch keeps in torch/distributions/utils.py (broadcast_all, _standard_normal,
// _sum_rightmost, the probs/logits conversions); torch.finfo's constants come from ../info.ts.

import { PyError } from '../../../../errors';
import { setGradEnabled } from '../../../../tensor/grad';
import { broadcastAll as broadcastShapeList } from '../../../../tensor/shape';
import { Tensor } from '../../../../tensor/tensor';
import type { DType } from '../../../../tensor/dtype';
import { binop, unaryOp, getitem } from '../../../builtins/ops';
import { importModule } from '../../../interp';
import { type KwArgs, PyFloat, PyTuple, PySlice, Ellipsis, call, callMethod, getattr, type PyValue } from '../../../object';
import { makeSize, SizeType } from '../types/size';
import { expand } from '../../../../tensor/ops/views';

export type V = PyValue;

// ---- Python operators -----------------------------------------------------------------------

export const add = (a: V, b: V): Promise<V> => binop('Add', a, b);
export const sub = (a: V, b: V): Promise<V> => binop('Sub', a, b);
export const mul = (a: V, b: V): Promise<V> => binop('Mult', a, b);
export const div = (a: V, b: V): Promise<V> => binop('Div', a, b);
export const pow = (a: V, b: V): Promise<V> => binop('Pow', a, b);
export const neg = (a: V): Promise<V> => unaryOp('USub', a);
export const f = (v: number): PyFloat => new PyFloat(v);

/** `obj.name(*args, **kw)`. */
export function m(obj: V, name: string, args: V[] = [], kw?: Record<string, V>): Promise<V> {
  return callMethod(obj, name, args, kwargs(kw));
}

function kwargs(kw?: Record<string, V>): KwArgs {
  return kw === undefined ? null : new Map(Object.entries(kw));
}

/** `torch.name(*args, **kw)`, looked up on the run's torch module (as `torch.x` in the source). */
export async function torch(name: string, args: V[] = [], kw?: Record<string, V>): Promise<V> {
  return call(await getattr(importModule('torch'), name), args, kwargs(kw));
}

/** `torch.nn.functional.name(*args, **kw)`. */
export async function F(name: string, args: V[] = [], kw?: Record<string, V>): Promise<V> {
  return call(await getattr(importModule('torch.nn.functional'), name), args, kwargs(kw));
}

export const attr = (obj: V, name: string): Promise<V> => getattr(obj, name);
/** `torch.<name>` (a dtype such as torch.long, a constant). */
export const torchAttr = (name: string): Promise<V> => getattr(importModule('torch'), name);

/** `value[..., :1]`. */
export const lastDimHead = (t: V): Promise<V> => getitem(t, new PyTuple([Ellipsis, new PySlice(null, 1, null)]));

/** `with torch.no_grad()` / `with torch.enable_grad()` around `fn`. */
export async function withGrad<T>(on: boolean, fn: () => Promise<T>): Promise<T> {
  const prev = setGradEnabled(on);
  try {
    return await fn();
  } finally {
    setGradEnabled(prev);
  }
}

// ---- shapes ---------------------------------------------------------------------------------

export const tensor = (v: V): Tensor => {
  if (!(v instanceof Tensor)) throw new PyError('TypeError', `expected a Tensor`);
  return v;
};
export const shapeOf = (v: V): number[] => (v instanceof Tensor ? [...v.shape] : ((v as PyTuple).items as number[]).map(Number));
export const size = (shape: readonly number[]): PyTuple => makeSize(shape);
/** `torch.Size(v)` with torch's own checks (a list, a tuple, a Size). */
export async function toSize(v: V): Promise<PyTuple> {
  if (v instanceof PyTuple && v.cls === SizeType) return v;
  return (await call(SizeType, [v])) as PyTuple;
}

/** numbers.Number: int, bool, float (complex is not modelled). */
export const isNumber = (v: V): boolean => typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat;

/** torch.broadcast_tensors: each operand expanded to the common shape; one already of that shape
 * comes back as itself (ATen's expand_outplace), so `Normal(loc, scale).loc is loc`. */
export function broadcastTensors(ts: Tensor[]): Tensor[] {
  const shape = broadcastShapeList(ts.map((t) => t.shape));
  return ts.map((t) => (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : expand(t, shape)));
}

/** utils.broadcast_all: numbers become tensors of the first tensor's dtype and device (else the
 * default dtype), then everything is broadcast together. */
export async function broadcastAll(values: V[]): Promise<Tensor[]> {
  if (!values.every((v) => v instanceof Tensor || isNumber(v)))
    throw new PyError('ValueError', 'Input arguments must all be instances of numbers.Number, torch.Tensor or objects implementing __torch_function__.');
  const first = values.find((v): v is Tensor => v instanceof Tensor);
  const options: Record<string, V> = first ? { dtype: await attr(first, 'dtype'), device: await attr(first, 'device') } : { dtype: await torch('get_default_dtype') };
  const ts: Tensor[] = [];
  for (const v of values) ts.push(v instanceof Tensor ? v : ((await torch('tensor', [v], options)) as Tensor));
  return broadcastTensors(ts);
}

/** utils._standard_normal: `torch.empty(shape, dtype, device).normal_()`. */
export async function standardNormal(shape: PyTuple, like: V): Promise<V> {
  const e = await torch('empty', [shape], { dtype: await attr(like, 'dtype'), device: await attr(like, 'device') });
  return m(e, 'normal_');
}

/** `x.new(shape)`: an uninitialised tensor of x's dtype and device. */
export async function newLike(like: V, shape: PyTuple): Promise<V> {
  return torch('empty', [shape], { dtype: await attr(like, 'dtype'), device: await attr(like, 'device') });
}

/** utils._sum_rightmost: sum the `dim` rightmost dimensions. */
export async function sumRightmost(value: V, dim: number): Promise<V> {
  if (dim === 0) return value;
  const shape = shapeOf(value);
  return m(await m(value, 'reshape', [size([...shape.slice(0, shape.length - dim), -1])]), 'sum', [-1]);
}

// torch.finfo's constants: ../info.ts
import { finfo } from '../info';
export { finfo, type FInfo } from '../info';

// ---- utils: probs and logits -------------------------------------------------------------------

export async function logitsToProbs(logits: V, isBinary = false): Promise<V> {
  return isBinary ? torch('sigmoid', [logits]) : F('softmax', [logits], { dim: -1 });
}

export async function clampProbs(probs: V): Promise<V> {
  const eps = finfo(tensor(probs).dtype).eps;
  return m(probs, 'clamp', [], { min: f(eps), max: f(1 - eps) });
}

export async function probsToLogits(probs: V, isBinary = false): Promise<V> {
  const ps = await clampProbs(probs);
  if (isBinary) return sub(await torch('log', [ps]), await torch('log1p', [await neg(ps)]));
  return torch('log', [ps]);
}

/** `a & b` (bool tensors). */
export const and = (a: V, b: V): Promise<V> => binop('BitAnd', a, b);
