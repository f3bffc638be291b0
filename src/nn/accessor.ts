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

/** `key.rpartition('.')` for a key that must be a str (a non-str key fails like Python would). */
export function splitKey(key: PyValue): [prefix: string, leaf: string] {
  if (typeof key !== 'string') throw attributeError(`'${pyTypeName(key)}' object has no attribute 'rpartition'`);
  const i = key.lastIndexOf('.');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

export class Accessor {
  private readonly memo = new Map<string, Module>();
  constructor(readonly module: Module) {}

  /** Resolve a dotted module path with plain getattr (cached). */
  async getSubmodule(name: string): Promise<Module> {
    if (!name) return this.module;
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    const dot = name.lastIndexOf('.');
    const parent = dot >= 0 ? await this.getSubmodule(name.slice(0, dot)) : this.module;
    const attr = name.slice(dot + 1);
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
   */
  async swapTensor(m: Module, name: string, value: Slot, kindOut?: { kind: SlotKind }): Promise<Slot> {
    if (value !== MISSING && value !== null && !isTensor(value)) {
      throw typeError(`${await pyStr(value)} is not an instance of torch.Tensor`);
    }
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
    let orig: Slot = MISSING;
    if (await hasattr(m, name)) orig = await getattrOrMissing(m, name);
    if (orig !== MISSING && orig !== null && !isTensor(orig)) {
      throw typeError(`attribute \`${name}\`: ${await pyStr(orig)} is not an instance of torch.Tensor`);
    }
    if (value !== MISSING) await setattr(m, name, value);
    else if (await hasattr(m, name)) await delattr(m, name);
    return orig;
  }

  /** Swap one dotted key. */
  async swapKey(key: PyValue, value: Slot, rec: TraceRecorder | undefined, phase: SwapPhase): Promise<Slot> {
    const [prefix, leaf] = splitKey(key);
    const m = await this.getSubmodule(prefix);
    if (rec === undefined) return this.swapTensor(m, leaf, value);
    const k = { kind: 'attribute' as SlotKind };
    const orig = await this.swapTensor(m, leaf, value, k);
    rec.swap(phase, key as string, prefix, leaf, k.kind, orig, value);
    return orig;
  }

  /**
   * swap_tensors_dict(named, allow_missing=True): swap every entry in order; returns the previous
   * values (MISSING where a slot did not exist). If a swap fails, the entries already swapped are
   * swapped back (same routine) and the error propagates.
   */
  async swapDict(
    entries: Iterable<[PyValue, Slot]>,
    rec: TraceRecorder | undefined,
    phase: 'swap' | 'restore',
  ): Promise<[PyValue, Slot][]> {
    const done: [PyValue, Slot][] = [];
    try {
      for (const [key, v] of entries) done.push([key, await this.swapKey(key, v, rec, phase)]);
    } catch (e) {
      const back = phase === 'swap' ? 'swap-rollback' : 'restore-rollback';
      for (const [key, orig] of done) await this.swapKey(key, orig, rec, back);
      throw e;
    }
    return done;
  }
}

/** Entries of a mapping for swapDict: a dict's items; anything else fails like `.items()` would. */
export function mappingItems(p: PyValue): Iterable<[PyValue, PyValue]> {
  if (p instanceof PyDict) return [...p.entries()];
  throw attributeError(`'${pyTypeName(p)}' object has no attribute 'items'`);
}
