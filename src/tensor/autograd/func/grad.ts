// torch.func.grad / grad_and_value / vjp over a generic async callable: the reverse-mode
// transforms, built on the engine (../api.ts grad with create_graph) plus levels.ts's rule for
// which results keep autograd history. Arguments are pytrees of tensors; argnums selects which
// positional arguments are differentiated.

import { PyError } from '../../../errors';
import { PyTuple, type PyValue } from '../../../python/object';
import type { GradNode } from '../../grad';
import { setGradEnabled } from '../../grad';
import { Tensor } from '../../tensor';
import { zerosLike } from '../../ops/creation';
import { grad as autogradGrad } from '../api';
import { classText, flatten, unflatten, type Spec } from './pytree';
import { innerInput, release } from './levels';

export type Fn = (args: PyValue[]) => Promise<PyValue>;

/** Told, after each grad / grad_and_value / vjp_fn, which tensor the transform differentiated
 * (the leaf or alias the function saw in place of the caller's tensor) got which gradient. The
 * run report uses it to show gradients w.r.t. functional_call's override tensors. */
export type TransformGradObserver = (pairs: readonly (readonly [input: Tensor, grad: Tensor])[]) => void | Promise<void>;
let gradObserver: TransformGradObserver | null = null;
/** Install (or clear, with null) the observer; returns the previous one. */
export function setTransformGradObserver(o: TransformGradObserver | null): TransformGradObserver | null {
  const prev = gradObserver;
  gradObserver = o;
  return prev;
}
async function tellObserver(leaves: readonly Tensor[], grads: readonly Tensor[]): Promise<void> {
  if (gradObserver !== null) await gradObserver(leaves.map((l, i) => [l, grads[i]] as const));
}
export type Argnums = number | readonly number[];

interface Prepared {
  args: PyValue[];
  /** The differentiated leaves, per selected argument. */
  leaves: Tensor[][];
  specs: Spec[];
  own: Set<GradNode>;
}

function checkArgnums(argnums: Argnums, n: number): number[] {
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  if (list.length === 0) throw new PyError('RuntimeError', 'argnums must be non-empty');
  return list.map((a) => {
    if (a < -n || a >= n) throw new PyError('RuntimeError', `Got argnum=${a}, but only ${n} positional inputs`);
    return a < 0 ? a + n : a;
  });
}

/** Replace the selected arguments' tensors by this call's differentiable leaves. */
function prepare(args: readonly PyValue[], argnums: readonly number[]): Prepared {
  const own = new Set<GradNode>();
  const out = args.slice();
  const leaves: Tensor[][] = [];
  const specs: Spec[] = [];
  for (const a of argnums) {
    const { leaves: ls, spec } = flatten(args[a]);
    const inner = ls.map((l) => {
      if (!(l instanceof Tensor)) throw new PyError('ValueError', `Thing passed to transform API must be Tensor, got ${classText(l)}`);
      return innerInput(l, own);
    });
    leaves.push(inner);
    specs.push(spec);
    out[a] = unflatten(inner, spec);
  }
  return { args: out, leaves, specs, own };
}

async function callWithGrad(f: Fn, args: PyValue[]): Promise<PyValue> {
  const prev = setGradEnabled(true);
  try {
    return await f(args);
  } finally {
    setGradEnabled(prev);
  }
}

/** Gradients of `out` w.r.t. all leaves; unused leaves get zeros. */
async function gradsOf(outs: Tensor[], cots: (Tensor | null)[], leaves: Tensor[], own: Set<GradNode>): Promise<Tensor[]> {
  const live = outs.map((o) => o.requiresGrad);
  const o2 = outs.filter((_, i) => live[i]);
  const c2 = cots.filter((_, i) => live[i]);
  const gs = o2.length === 0 ? leaves.map(() => null) : await autogradGrad(o2, leaves, c2, { createGraph: true, retainGraph: true, allowUnused: true });
  return gs.map((g, i) => (g === null ? zerosLike(leaves[i]) : release(g, own)));
}

function pack(grads: Tensor[], p: Prepared, argnums: Argnums): PyValue {
  let k = 0;
  const per = p.specs.map((spec, i) => {
    const n = p.leaves[i].length;
    const v = unflatten(grads.slice(k, k + n), spec);
    k += n;
    return v;
  });
  return typeof argnums === 'number' ? per[0] : new PyTuple(per);
}

const releaseTree = (v: PyValue, own: Set<GradNode>): PyValue => {
  const { leaves, spec } = flatten(v);
  return unflatten(leaves.map((l) => (l instanceof Tensor ? release(l, own) : l)), spec);
};

/** torch.func.grad_and_value(f, argnums, has_aux)(*args) → (grads, value) or (grads, (value, aux)). */
export async function gradAndValue(f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false): Promise<[PyValue, PyValue]> {
  const nums = checkArgnums(argnums, args.length);
  const p = prepare(args, nums);
  let out = await callWithGrad(f, p.args);
  let aux: PyValue = null;
  if (hasAux) {
    if (!(out instanceof PyTuple) || out.items.length !== 2)
      throw new PyError('RuntimeError', 'grad_and_value(f)(*args): output of function f should be a tuple: (output, aux) if has_aux is True');
    [out, aux] = out.items as [PyValue, PyValue];
  }
  if (!(out instanceof Tensor)) throw new PyError('RuntimeError', `grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got ${classText(out)}`);
  if (out.ndim !== 0)
    throw new PyError(
      'RuntimeError',
      `grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with ${out.ndim} dims. Maybe you wanted to use the vjp or jacrev APIs instead?`,
    );
  const flat = p.leaves.flat();
  const grads = await gradsOf([out], [null], flat, p.own);
  await tellObserver(flat, grads);
  const value = release(out, p.own);
  const g = pack(grads, p, argnums);
  return [g, hasAux ? new PyTuple([value, releaseTree(aux, p.own)]) : value];
}

/** torch.func.grad(f, argnums, has_aux)(*args) → grads or (grads, aux). */
export async function grad(f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false): Promise<PyValue> {
  const [g, v] = await gradAndValue(f, args, argnums, hasAux);
  return hasAux ? new PyTuple([g, (v as PyTuple).items[1]]) : g;
}

export type VjpFn = (cotangents: PyValue) => Promise<PyValue>;

/** torch.func.vjp(f, *primals, has_aux) → (output, vjp_fn[, aux]). */
export async function vjp(f: Fn, primals: readonly PyValue[], hasAux = false): Promise<{ output: PyValue; vjpFn: VjpFn; aux: PyValue }> {
  const nums = primals.map((_, i) => i);
  const p = prepare(primals, nums);
  let out = await callWithGrad(f, p.args);
  let aux: PyValue = null;
  if (hasAux) {
    if (!(out instanceof PyTuple) || out.items.length !== 2)
      throw new PyError('RuntimeError', 'vjp(f, *primals): output of function f should be a tuple: (output, aux) if has_aux is True');
    [out, aux] = out.items as [PyValue, PyValue];
  }
  const { leaves: outs, spec: outSpec } = flatten(out);
  for (const o of outs)
    if (!(o instanceof Tensor)) throw new PyError('RuntimeError', `vjp(f, *primals): Expected f(*primals) to return only tensors, got unsupported type ${classText(o)}`);
  const flat = p.leaves.flat();
  const vjpFn: VjpFn = async (cot) => {
    const { leaves: cs, spec } = flatten(cot);
    if (cs.length !== outs.length || JSON.stringify(spec) !== JSON.stringify(outSpec))
      throw new PyError('RuntimeError', 'Expected pytree structure of cotangents to be the same as pytree structure of outputs to the function');
    const prev = setGradEnabled(true);
    try {
      const grads = await gradsOf(outs as Tensor[], cs as Tensor[], flat, p.own);
      await tellObserver(flat, grads);
      return pack(grads, p, nums);
    } finally {
      setGradEnabled(prev);
    }
  };
  return { output: releaseTree(out, p.own), vjpFn, aux: releaseTree(aux, p.own) };
}

export { prepare, checkArgnums, callWithGrad, gradsOf, pack, releaseTree };
