// `torch.func` (and `torch.vmap`): Python wrappers over the transforms in tensor/autograd/func.
// Each transform returns a native function that calls the user's Python callable through
// object.ts `call`; keyword arguments pass through to the function undifferentiated, as in
// PyTorch. functional_call (the nn bindings') is re-exported here so `from torch.func import
// functional_call, grad, vmap` finds everything in one module; stack_module_state sits in its own
// file. functionalize is the identity on eager results (removing mutations changes how PyTorch
// traces, not what a call returns or mutates); linearize is jvp at fixed primals.

import { PyError } from '../../../errors';
import { grad, gradAndValue, hessian, jacfwd, jacrev, jvp, vjp, vmap, type Argnums, type Fn } from '../../../tensor/autograd/func';
import { str } from '../../builtins/repr';
import { PyBuiltinFunction, PyCallable, PyTuple, call, getattr, setattr, typeOf, type KwArgs, type PyValue } from '../../object';
import { toArray } from '../../builtins/iter';
import { engineWarn } from '../../../tensor/warnings';
import { Tensor } from '../../../tensor/tensor';
import { BatchNorm1dType, BatchNorm2dType } from '../../../nn/layers/norm';
import { funcFunctionalCall } from '../nn/func';
import { stackModuleStateFn } from './stack_module_state';
import { binder } from '../args';
import { truthy } from './convert';

function argnumsOf(v: PyValue): Argnums {
  if (typeof v === 'number') return v;
  if (v instanceof PyTuple && v.items.every((x) => typeof x === 'number')) return v.items as number[];
  throw new PyError('RuntimeError', `argnums must be int or Tuple[int, ...], got: ${String(v)}`);
}

const fnName = (f: PyValue): string => (f instanceof PyCallable ? f.name : 'function');

const asFn = (f: PyValue, kwargs: KwArgs): Fn => (args) => call(f, args, kwargs);

const bindGrad = binder('grad(func, argnums=0, has_aux=False)');
const bindVjp = binder('vjp(func, *primals, has_aux=False)');
const bindJac = binder('jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False)');
const bindJacF = binder('jacfwd(func, argnums=0, has_aux=False, *, randomness="error")');
const bindHessian = binder('hessian(func, argnums=0)');
const bindJvp = binder('jvp(func, primals, tangents, *, strict=False, has_aux=False)');
const bindVmap = binder('vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None)');

const transform = (name: string, run: (f: PyValue, args: PyValue[], kw: KwArgs) => Promise<PyValue>) => (f: PyValue): PyBuiltinFunction =>
  new PyBuiltinFunction(fnName(f), (args, kw) => run(f, args, kw), `${name}(${fnName(f)})`);

export const gradFn = new PyBuiltinFunction('grad', (a, kw) => {
  const [f, argnums, hasAux] = bindGrad(a, kw).values;
  const nums = argnumsOf(argnums);
  return transform('grad', (fn, args, k) => grad(asFn(fn, k), args, nums, truthy(hasAux)))(f);
}, 'torch.func.grad');

export const gradAndValueFn = new PyBuiltinFunction('grad_and_value', (a, kw) => {
  const [f, argnums, hasAux] = bindGrad(a, kw).values;
  const nums = argnumsOf(argnums);
  return transform('grad_and_value', async (fn, args, k) => new PyTuple(await gradAndValue(asFn(fn, k), args, nums, truthy(hasAux))))(f);
}, 'torch.func.grad_and_value');

export const vjpFn = new PyBuiltinFunction('vjp', async (a, kw) => {
  const b = bindVjp(a, kw);
  const [f, hasAux] = b.values;
  const r = await vjp(asFn(f, null), b.rest, truthy(hasAux));
  const fnObj = new PyBuiltinFunction('vjp_fn', (ca) => r.vjpFn(ca.length === 1 ? ca[0] : new PyTuple(ca)), 'vjp_fn');
  return new PyTuple(truthy(hasAux) ? [r.output, fnObj, r.aux] : [r.output, fnObj]);
}, 'torch.func.vjp');

export const jacrevFn = new PyBuiltinFunction('jacrev', (a, kw) => {
  const [f, argnums, hasAux] = bindJac(a, kw).values;
  const nums = argnumsOf(argnums);
  return transform('jacrev', (fn, args, k) => jacrev(asFn(fn, k), args, nums, truthy(hasAux)))(f);
}, 'torch.func.jacrev');

export const jacfwdFn = new PyBuiltinFunction('jacfwd', (a, kw) => {
  const [f, argnums, hasAux] = bindJacF(a, kw).values;
  const nums = argnumsOf(argnums);
  return transform('jacfwd', (fn, args, k) => jacfwd(asFn(fn, k), args, nums, truthy(hasAux)))(f);
}, 'torch.func.jacfwd');

export const hessianFn = new PyBuiltinFunction('hessian', (a, kw) => {
  const [f, argnums] = bindHessian(a, kw).values;
  const nums = argnumsOf(argnums);
  return transform('hessian', (fn, args, k) => hessian(asFn(fn, k), args, nums))(f);
}, 'torch.func.hessian');

export const jvpFn = new PyBuiltinFunction('jvp', (a, kw) => {
  const [f, primals, tangents, , hasAux] = bindJvp(a, kw).values;
  return jvp(asFn(f, null), primals, tangents, truthy(hasAux));
}, 'torch.func.jvp');

export const vmapFn = new PyBuiltinFunction('vmap', async (a, kw) => {
  const [f, inDims, outDims, randomness] = bindVmap(a, kw).values;
  const inDimsText = await str(inDims);
  const name = fnName(f);
  return transform('vmap', (fn, args, k) =>
    vmap(asFn(fn, k), args, { inDims, outDims, randomness: String(randomness), fnName: name, inDimsText }),
  )(f);
}, 'torch.func.vmap');

const bindFunctionalize = binder("functionalize(func, *, remove='mutations')");
export const functionalizeFn = new PyBuiltinFunction('functionalize', (a, kw) => {
  const [f, remove] = bindFunctionalize(a, kw).values;
  if (remove !== 'mutations' && remove !== 'mutations_and_views')
    throw new PyError('RuntimeError', `functionalize(f, remove='mutations'): received invalid argument for remove=${String(remove)}. Valid options are:\n     remove='mutations': all inplace and out= operators will be removed from the program, and replaced with their out-of-place equivalents.\n     remove='mutations_and_views': In addition to the above, all aliasing operators {view} will be replaced with their non-aliasing counterparts, {view}_copy.\n`);
  return transform('functionalize', (fn, args, k) => call(fn, args, k))(f);
}, 'torch.func.functionalize');

/** What make_fx (under linearize) warns for each get_attr node it inserts — one per primal it
 * closes over (and one per constant tensor f creates, which we do not count): PyTorch's text. */
const LINEARIZE_WARNING =
  'Attempted to insert a get_attr Node with no underlying reference in the owning GraphModule! Call GraphModule.add_submodule to add the necessary submodule, GraphModule.add_parameter to add the necessary Parameter, or nn.Module.register_buffer to add the necessary buffer';

export const linearizeFn = new PyBuiltinFunction('linearize', async (a) => {
  if (a.length === 0) throw new PyError('TypeError', "linearize() missing 1 required positional argument: 'func'");
  const [f, ...primals] = a;
  const output = await call(f, primals, null);
  for (const p of primals) if (p instanceof Tensor) engineWarn('UserWarning', LINEARIZE_WARNING);
  const primalsTuple = new PyTuple(primals);
  const jvpOnly = new PyBuiltinFunction('jvp_fn', async (t) => {
    const r = await jvp(asFn(f, null), primalsTuple, new PyTuple(t), false);
    return (r as PyTuple).items[1];
  }, 'linearize.<locals>.jvp_fn');
  return new PyTuple([output, jvpOnly]);
}, 'torch.func.linearize');

/** torch.func.replace_all_batch_norm_modules_: every tracking BatchNorm under `root` stops
 * tracking and drops its running stats (so vmap over it needs no in-place buffer updates). */
export const replaceAllBatchNormFn = new PyBuiltinFunction('replace_all_batch_norm_modules_', async (a) => {
  const root = a[0];
  for (const m of await toArray(await call(await getattr(root, 'modules'), []))) {
    const mro = typeOf(m).mro;
    if (!mro.includes(BatchNorm1dType) && !mro.includes(BatchNorm2dType)) continue;
    if ((await getattr(m, 'track_running_stats')) !== true) continue;
    for (const name of ['running_mean', 'running_var', 'num_batches_tracked']) await setattr(m, name, null);
    await setattr(m, 'track_running_stats', false);
  }
  return root;
}, 'torch.func.replace_all_batch_norm_modules_');

export function funcEntries(): [string, PyValue][] {
  return [
    ['functional_call', funcFunctionalCall],
    ['grad', gradFn],
    ['grad_and_value', gradAndValueFn],
    ['vjp', vjpFn],
    ['jacrev', jacrevFn],
    ['jacfwd', jacfwdFn],
    ['hessian', hessianFn],
    ['jvp', jvpFn],
    ['vmap', vmapFn],
    ['stack_module_state', stackModuleStateFn],
    ['functionalize', functionalizeFn],
    ['linearize', linearizeFn],
    ['replace_all_batch_norm_modules_', replaceAllBatchNormFn],
  ];
}
