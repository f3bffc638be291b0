// Swapping tensors into module slots by dotted name — PyTorch's NamedMemberAccessor and
// swap_tensor (torch/nn/utils/_named_member_accessor.py), the moving part of functional_call
// (SEMANTICS §7, §8.2). A key `a.b.w` resolves its prefix `a.b` with plain getattr, segment by
// segment, caching each resolved prefix for the accessor's lifetime (one functional_call: swap-in
// and restore share it, which is why a submodule replaced during forward gets the restore, §8.1).
// Then the value is checked, the leaf name is checked, and the slot is swapped: straight into
// `_parameters` / `_buffers` when the name is registered there (no validation, same position),
// otherwise through hasattr/getattr/setattr/delattr (properties, Module.__setattr__'s rules).
// swapDict swaps a whole mapping in order and, if one key fails, swaps the done ones back.

import { PyError, attributeError, keyError, typeError } from '../errors';
import {
  MISSING, type Missing, ObjectType, PyDict, PyObject, type PyValue, delattr, getattrOrMissing, hasattr, setattr, typeOf,
} from '../python/object';
import { isTensor } from './bridge';
import { Module } from './module';
import { pyStr } from './pyproto';
import type { SlotKind, SwapPhase, TraceRecorder } from './trace';

/** PyTorch's `_MISSING = object()`: what write-back stores for a slot deleted during forward. */
export const MISSING_SENTINEL = new PyObject(ObjectType, null);

type Slot = PyValue | Missing;

function pyTypeName(v: PyValue): string {
  return typeOf(v).name;
}

/** `key.rpartition('.')` for a key that must be a str (a non-str key fails like Python would).
 * Pure in the key, so results are memoised across calls (keys repeat from call to call). */
export function splitKey(key: PyValue): readonly [prefix: string, leaf: string] {
  if (typeof key !== 'string') throw attributeError(`'${pyTypeName(key)}' object has no attribute 'rpartition'`);
  let r = splitMemo.get(key);
  if (r === undefined) {
    const i = key.lastIndexOf('.');
    r = i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
    if (splitMemo.size > 50_000) splitMemo.clear(); // bound the memo for generated keys
    splitMemo.set(key, r);
  }
  return r;
}
const splitMemo = new Map<string, readonly [string, string]>();

export class Accessor {
  private readonly memo = new Map<string, Module>();
  constructor(readonly module: Module) {}

  /** Resolve a dotted module path with plain getattr (cached). Synchronous when every segment is
   * a plain child module (no class attribute, instance attribute or __getattribute__ override in
   * the way) — the common case, kept off the promise machinery. */
  getSubmodule(name: string): Module | Promise<Module> {
    if (!name) return this.module;
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    const dot = name.lastIndexOf('.');
    const attr = name.slice(dot + 1);
    const parent = dot >= 0 ? this.getSubmodule(name.slice(0, dot)) : this.module;
    if (parent instanceof Promise) return parent.then((p) => this.resolveChild(p, name, attr));
    const fast = plainChild(parent, attr);
    if (fast !== undefined) {
      this.memo.set(name, fast);
      return fast;
    }
    return this.resolveChild(parent, name, attr);
  }

  private async resolveChild(parent: Module, name: string, attr: string): Promise<Module> {
    let sub: PyValue | Missing;
    try {
      sub = await getattrOrMissing(parent, attr);
    } catch (e) {
      if (e instanceof PyError && e.isInstanceOf('AttributeError')) sub = MISSING;
      else throw e;
    }
    if (sub === MISSING) throw attributeError(`${parent.typeName} has no attribute \`${attr}\``);
    if (!(sub instanceof Module)) {
      throw typeError(`submodule \`${name}\`: ${await pyStr(sub)} is not an instance of torch.nn.Module`);
    }
    this.memo.set(name, sub);
    return sub;
  }

  /**
   * swap_tensor(module, name, value, allow_missing=True): put `value` (or remove the slot for
   * MISSING) and return what was there. `kindOut` receives the slot kind for the trace.
   * Registered parameter/buffer slots are swapped synchronously; only the attribute path (which
   * may run properties and Module.__setattr__) is async.
   */
  swapTensor(m: Module, name: string, value: Slot, kindOut?: { kind: SlotKind }): Slot | Promise<Slot> {
    if (value !== MISSING && value !== null && !isTensor(value)) return badValue(value);
    if (name.includes('.')) throw keyError('tensor name can\'t contain "."');
    if (name === '') throw keyError('tensor name can\'t be empty string ""');
    const params = m._parameters;
    if (params !== null) {
      const e = params.map.get(name);
      if (e !== undefined) {
        if (kindOut) kindOut.kind = 'parameter';
        const orig = e.value;
        if (value !== MISSING) e.value = value;
        else params.delete(name);
        return orig;
      }
      const b = m._buffers!.map.get(name);
      if (b !== undefined) {
        if (kindOut) kindOut.kind = 'buffer';
        const orig = b.value;
        if (value !== MISSING) b.value = value;
        else m._buffers!.delete(name);
        return orig;
      }
    }
    if (kindOut) kindOut.kind = 'attribute';
    return swapAttribute(m, name, value);
  }

  /** Swap one dotted key (synchronously when the path and the slot allow it). */
  swapKey(key: PyValue, value: Slot, rec: TraceRecorder | undefined, phase: SwapPhase): Slot | Promise<Slot> {
    const [prefix, leaf] = splitKey(key);
    const m = this.getSubmodule(prefix);
    if (rec === undefined) return m instanceof Promise ? m.then((mm) => this.swapTensor(mm, leaf, value)) : this.swapTensor(m, leaf, value);
    const record = async (mm: Module): Promise<Slot> => {
      const k = { kind: 'attribute' as SlotKind };
      const orig = await this.swapTensor(mm, leaf, value, k);
      rec.swap(phase, key as string, prefix, leaf, k.kind, orig, value);
      return orig;
    };
    return m instanceof Promise ? m.then(record) : record(m);
  }

  /**
   * swap_tensors_dict(named, allow_missing=True): swap every entry in order; returns the previous
   * values (MISSING where a slot did not exist). If a swap fails, the entries already swapped are
   * swapped back (same routine) and the error propagates. Stays synchronous until a swap needs
   * Python (an attribute slot or a path through properties).
   */
  swapDict(entries: readonly [PyValue, Slot][], rec: TraceRecorder | undefined, phase: 'swap' | 'restore'): Done | Promise<Done> {
    const done: Done = [];
    for (let i = 0; i < entries.length; i++) {
      const [key, v] = entries[i];
      let r: Slot | Promise<Slot>;
      try {
        r = this.swapKey(key, v, rec, phase);
      } catch (e) {
        return this.rollback(done, rec, phase, e);
      }
      if (r instanceof Promise) return this.swapDictAsync(entries, i, r, done, rec, phase);
      done.push([key, r]);
    }
    return done;
  }

  private async swapDictAsync(
    entries: readonly [PyValue, Slot][],
    from: number,
    pending: Promise<Slot>,
    done: Done,
    rec: TraceRecorder | undefined,
    phase: 'swap' | 'restore',
  ): Promise<Done> {
    try {
      done.push([entries[from][0], await pending]);
      for (let i = from + 1; i < entries.length; i++) {
        const [key, v] = entries[i];
        let r = this.swapKey(key, v, rec, phase);
        if (r instanceof Promise) r = await r;
        done.push([key, r]);
      }
    } catch (e) {
      return this.rollback(done, rec, phase, e);
    }
    return done;
  }

  private async rollback(done: Done, rec: TraceRecorder | undefined, phase: 'swap' | 'restore', e: unknown): Promise<never> {
    const back = phase === 'swap' ? 'swap-rollback' : 'restore-rollback';
    for (const [key, orig] of done) await this.swapKey(key, orig, rec, back);
    throw e;
  }
}

type Done = [PyValue, Slot][];

/** A child module reachable by plain getattr without running any Python: not shadowed by a class
 * attribute or an instance attribute, found in `_modules` (Module.__getattr__'s last stop, and the
 * parameters/buffers stops before it hold no module). undefined when the slow path must decide. */
function plainChild(parent: Module, attr: string): Module | undefined {
  if (parent.cls.slots.getattribute !== undefined) return undefined;
  if (parent.dict!.has(attr) || parent.cls.lookup(attr) !== undefined) return undefined;
  if (parent._parameters?.has(attr) || parent._buffers?.has(attr)) return undefined;
  const c = parent._modules?.get(attr);
  return c instanceof Module ? c : undefined;
}

async function badValue(value: PyValue): Promise<never> {
  throw typeError(`${await pyStr(value)} is not an instance of torch.Tensor`);
}

/** The attribute path of swap_tensor: hasattr/getattr (properties run), type check, setattr or
 * delattr through Module's rules. */
async function swapAttribute(m: Module, name: string, value: Slot): Promise<Slot> {
  let orig: Slot = MISSING;
  if (await hasattr(m, name)) orig = await getattrOrMissing(m, name);
  if (orig !== MISSING && orig !== null && !isTensor(orig)) {
    throw typeError(`attribute \`${name}\`: ${await pyStr(orig)} is not an instance of torch.Tensor`);
  }
  if (value !== MISSING) await setattr(m, name, value);
  else if (await hasattr(m, name)) await delattr(m, name);
  return orig;
}

/** Entries of a mapping for swapDict: a dict's items; anything else fails like `.items()` would. */
export function mappingItems(p: PyValue): [PyValue, PyValue][] {
  if (p instanceof PyDict) {
    const out: [PyValue, PyValue][] = [];
    for (const e of p.map.values()) out.push([e.key, e.value]);
    return out;
  }
  throw attributeError(`'${pyTypeName(p)}' object has no attribute 'items'`);
}
