// How one native optimizer class is declared: its Python signature, the constructor's checks in
// PyTorch's order and wording (`Invalid learning rate: -1.0` — the value printed with str(), so an
// int stays `-1`), the `defaults` dict in PyTorch's key order (it is also the order of each group's
// keys, which state_dict() shows), and the update rule. Every optimizer file is a list of these.

import { PyError } from '../../../../errors';
import { Tensor } from '../../../../tensor/tensor';
import { getDefaultDtype } from '../../../../tensor/promotion';
import * as A from '../../../../tensor/ops/arith';
import { str } from '../../../builtins/repr';
import { PyBuiltinFunction, PyDict, PyFloat, PyList, PyTuple, makeType, type PyType, type PyValue } from '../../../object';
import { binder } from '../../args';
import { num, truthy } from '../convert';
import { OptimizerObject, OptimizerType, defineStep, initOptimizer, setStateDefaults } from './optimizer';

export type Args = Map<string, PyValue>;

/** Signatures write `betas=BETAS_DEFAULT` for PyTorch's `(0.9, 0.999)` (the signature parser takes
 * only scalar literals). */
const BETAS = '<betas>';
export const BETAS_DEFAULT = `'${BETAS}'`;

export interface OptimizerSpec {
  name: string;
  /** e.g. 'torch.optim.adamw' (the class's __module__). */
  module: string;
  /** `AdamW(self, params, lr=0.001, ...)` — parameter names become the `Args` keys. */
  signature: string;
  /** The constructor's checks, in PyTorch's order. */
  validate(a: Args): Promise<void>;
  /** Keys of `defaults`, in PyTorch's order (values are the arguments as given). */
  defaults: string[];
  /** Runs after the groups exist (Adagrad fills its state here). */
  afterInit?(o: OptimizerObject): void;
  /** Group keys `__setstate__` fills when a loaded state dict lacks them. */
  setstate?: [string, PyValue][];
  update(o: OptimizerObject, g: PyDict): void;
}

export function defineOptimizer(spec: OptimizerSpec): PyType {
  const t = makeType(spec.name, [OptimizerType], spec.module);
  const bind = binder(`${spec.name}.__init__${spec.signature.slice(spec.signature.indexOf('('))}`);
  const names = spec.signature.slice(spec.signature.indexOf('(') + 1, -1).split(',').map((p) => p.trim().split('=')[0]).filter((p) => p !== '*');
  t.dict!.set('__init__', new PyBuiltinFunction('__init__', async (a, kw) => {
    const values = bind(a, kw).values;
    const args: Args = new Map(names.map((n, i) => [n, values[i] === BETAS ? new PyTuple([new PyFloat(0.9), new PyFloat(0.999)]) : values[i]]));
    await spec.validate(args);
    const defaults = PyDict.fromEntries(spec.defaults.map((k) => [k, args.get(k)!] as const));
    const o = args.get('self') as OptimizerObject;
    await initOptimizer(o, args.get('params')!, defaults);
    spec.afterInit?.(o);
    return null;
  }, `${spec.name}.__init__`));
  defineStep(t, spec.update);
  if (spec.setstate) setStateDefaults.set(t, spec.setstate);
  return t;
}

// ---- checks -------------------------------------------------------------------------------------

/** `raise ValueError(f"{label}: {v}")`. */
export async function invalid(v: PyValue, label: string): Promise<never> {
  throw new PyError('ValueError', `${label}: ${await str(v)}`);
}

/** `if not 0.0 <= v: raise ValueError(f"{label}: {v}")` (NaN fails, as in Python). */
export async function atLeastZero(v: PyValue, label: string): Promise<void> {
  if (!(num(v) >= 0)) await invalid(v, label);
}

/** `if isinstance(lr, Tensor) and lr.numel() != 1` — every optimizer's first check. */
export function tensorLr(lr: PyValue): void {
  if (lr instanceof Tensor && lr.numel() !== 1) throw new PyError('ValueError', 'Tensor lr must be 1-element');
}

/** The two items of `betas` (a tuple or list as given). */
export function betaItems(b: PyValue): PyValue[] {
  if (b instanceof PyTuple || b instanceof PyList) return [...b.items];
  throw new PyError('TypeError', `'${b === null ? 'NoneType' : typeof b}' object is not subscriptable`);
}

/** `if not 0.0 <= betas[i] < 1.0` for both. */
export async function checkBetas(b: PyValue): Promise<void> {
  const items = betaItems(b);
  for (const i of [0, 1]) {
    const v = num(items[i]);
    if (!(v >= 0 && v < 1)) throw new PyError('ValueError', `Invalid beta parameter at index ${i}: ${await str(items[i])}`);
  }
}

/** Adam/AdamW: `betas must be either both floats or both Tensors`. */
export function betasSameKind(b: PyValue): void {
  const [b0, b1] = betaItems(b);
  const floats = b0 instanceof PyFloat && b1 instanceof PyFloat;
  const tensors = b0 instanceof Tensor && b1 instanceof Tensor;
  if (!floats && !tensors) throw new PyError('ValueError', 'betas must be either both floats or both Tensors');
  for (const [i, v] of [b0, b1].entries()) if (v instanceof Tensor && v.numel() !== 1) throw new PyError('ValueError', `Tensor betas[${i}] must be 1-element`);
}

// ---- reading a group --------------------------------------------------------------------------

export const f = (g: PyDict, k: string): number => num(g.get(k)!);
export const flag = (g: PyDict, k: string): boolean => truthy(g.get(k) ?? null);
export function betas(g: PyDict): [number, number] {
  const [b0, b1] = betaItems(g.get('betas')!);
  return [num(b0), num(b1)];
}

/** A fresh `state['step']`: `torch.tensor(v, dtype=_get_scalar_dtype())` — float32, or float64
 * when that is the default dtype. */
export function stepTensor(v = 0): Tensor {
  return getDefaultDtype() === 'float64' ? Tensor.fromArray(Float64Array.from([v]), [], 'float64') : Tensor.fromArray(Float32Array.from([v]), [], 'float32');
}

/** `step_t += 1; step = step_t.item()`. */
export function bumpStep(st: PyDict): number {
  const t = st.get('step') as Tensor;
  A.add_(t, 1);
  return Number(t.item());
}
