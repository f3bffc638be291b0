// Module.__call__ (PyTorch's `_call_impl`): forward pre-hooks, then `self.forward` looked up with
// Python's getattr (so a user-defined forward, or one patched onto the instance, wins), then
// forward hooks, then the deprecated non-full backward hooks (legacy_backward_hooks.ts). Hooks
// are kept in insertion order (prepend puts one first) and removed through a RemovableHandle. Everything here may run user Python, so it is async.

import { runtimeError } from '../errors';
import {
  PyBoundMethod, PyCallable, PyType,
  type KwArgs, PyBuiltinFunction, PyDict, PyObject, PyTuple, type PyValue, call, getattr, makeType, nativeProperty,
} from '../python/object';
import { Module } from './module';
import { BackwardHookCall } from './backward_hooks';
import { attachLegacyBackwardHooks } from './legacy_backward_hooks';
import { pyStr } from './pyproto';

let nextHookId = 0;

/** `torch.utils.hooks.RemovableHandle`. */
export const RemovableHandleType = makeType('RemovableHandle', undefined, 'torch.utils.hooks');
export class RemovableHandle extends PyObject {
  constructor(
    readonly id: number,
    private readonly owners: Map<number, unknown>[],
  ) {
    super(RemovableHandleType, new Map());
  }
  remove(): void {
    for (const o of this.owners) o.delete(this.id);
  }
}
RemovableHandleType.dict!.set('remove', new PyBuiltinFunction('remove', (a) => ((a[0] as RemovableHandle).remove(), null)));
RemovableHandleType.dict!.set('id', nativeProperty('id', (h) => (h as RemovableHandle).id));

function insert<V>(map: Map<number, V>, id: number, v: V, prepend: boolean): void {
  if (!prepend) {
    map.set(id, v);
    return;
  }
  const rest = [...map.entries()];
  map.clear();
  map.set(id, v);
  for (const [k, x] of rest) map.set(k, x);
}

/** Add a hook to one of a module's hook maps (state_dict and load_state_dict hooks). */
export function addHook<V>(map: Map<number, V>, v: V, prepend = false): RemovableHandle {
  const id = nextHookId++;
  insert(map, id, v, prepend);
  return new RemovableHandle(id, [map as Map<number, unknown>]);
}

export function registerForwardPreHook(m: Module, hook: PyValue, prepend = false, withKwargs = false): RemovableHandle {
  const id = nextHookId++;
  insert(m.forwardPreHooks, id, { hook, withKwargs }, prepend);
  return new RemovableHandle(id, [m.forwardPreHooks]);
}

export function registerForwardHook(
  m: Module,
  hook: PyValue,
  prepend = false,
  withKwargs = false,
  alwaysCall = false,
): RemovableHandle {
  const id = nextHookId++;
  insert(m.forwardHooks, id, { hook, withKwargs, alwaysCall }, prepend);
  return new RemovableHandle(id, [m.forwardHooks]);
}

const kwargsDict = (kw: KwArgs): PyDict => {
  const d = new PyDict();
  if (kw) for (const [k, v] of kw) d.set(k, v);
  return d;
};
const dictKwargs = (d: PyValue): KwArgs => {
  if (!(d instanceof PyDict) || d.size === 0) return null;
  const out = new Map<string, PyValue>();
  for (const [k, v] of d.entries()) out.set(k as string, v);
  return out;
};

/** `module(*args, **kwargs)`. */
export async function callModule(m: Module, args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
  const backward = m.backwardHooks.size > 0 || m.backwardPreHooks.size > 0;
  const legacy = m.legacyBackwardHooks.size > 0;
  if (m.forwardPreHooks.size === 0 && m.forwardHooks.size === 0 && !backward && !legacy) {
    // Hot path: `forward` is a plain function on the class (not shadowed in the instance dict):
    // call it with self prepended — what getattr's bound method would do, without allocating it.
    const f = m.cls.slots.getattribute ? undefined : m.cls.lookup('forward');
    if (f instanceof PyCallable && !(f instanceof PyBoundMethod) && !(f instanceof PyType) && !m.dict!.has('forward')) {
      const all: PyValue[] = new Array(args.length + 1);
      all[0] = m;
      for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
      return f.callMaybe(all, kwargs);
    }
    return call(await getattr(m, 'forward'), args, kwargs);
  }
  const forward = await getattr(m, 'forward');
  let argsT = new PyTuple(args);
  for (const { hook, withKwargs } of [...m.forwardPreHooks.values()]) {
    if (withKwargs) {
      const r = await call(hook, [m, argsT, kwargsDict(kwargs)]);
      if (r === null) continue;
      if (!(r instanceof PyTuple) || r.items.length !== 2) {
        throw runtimeError(
          `forward pre-hook must return None or a tuple of (new_args, new_kwargs), but got ${await pyStr(r)}.`,
        );
      }
      argsT = r.items[0] instanceof PyTuple ? (r.items[0] as PyTuple) : new PyTuple([r.items[0]]);
      kwargs = dictKwargs(r.items[1]);
    } else {
      const r = await call(hook, [m, argsT]);
      if (r !== null) argsT = r instanceof PyTuple ? r : new PyTuple([r]);
    }
  }
  const bw = backward ? new BackwardHookCall(m) : null;
  if (bw !== null) argsT = new PyTuple(bw.setupInputs([...argsT.items]));
  let result = await call(forward, [...argsT.items], kwargs);
  for (const { hook, withKwargs } of [...m.forwardHooks.values()]) {
    const r = withKwargs ? await call(hook, [m, argsT, kwargsDict(kwargs), result]) : await call(hook, [m, argsT, result]);
    if (r !== null) result = r;
  }
  if (bw !== null) result = bw.setupOutputs(result);
  if (legacy) await attachLegacyBackwardHooks(m, [...argsT.items], result);
  return result;
}
