// A Python dict that *is* a name map: `obj.__dict__`, `vars(obj)`, `globals()` and module-level
// `locals()` hand the script a PyDict whose storage is a live view of the Map<string, PyValue>
// the interpreter already keeps for an object's attributes or a module's globals. Writes through
// the dict are attribute/global writes and vice versa, and asking twice gives the same dict
// (`vars(a) is a.__dict__`), as in CPython. Only str keys fit a name map; any other key is
// refused with a clear error rather than stored somewhere invisible.
//
// An nn.Module keeps its 12 hook dicts (`_forward_hooks`, ...) outside its `__dict__` here, while
// PyTorch keeps them inside; such a view is marked `partial`: reading one of those names, or
// listing the dict (len, iteration, repr), raises NotImplementedError naming the gap instead of
// giving an answer that differs from PyTorch's. Item access to every other key works.

import { PyError } from '../errors';
import { type DictEntry, PyDict, hashKey } from './dict';
import type { PyValue } from './object';

/** What a partial view lacks: the names it cannot show, and why (for the error text). */
export interface PartialView {
  readonly missing: readonly string[];
  readonly what: string;
}

const views = new WeakMap<Map<string, PyValue>, PyDict>();

/** The dict for a name map, made once per map (identity matters: `vars(a) is a.__dict__`). */
export function namespaceDict(names: Map<string, PyValue>, partial: PartialView | null = null): PyDict {
  let d = views.get(names);
  if (d === undefined) {
    d = new PyDict(new NameEntries(names, partial));
    views.set(names, d);
  }
  return d;
}

/** The JS key a str gets in a dict (hashKey), back to the name. */
function nameOf(k: unknown): string | null {
  if (typeof k !== 'string') return null;
  return k.charCodeAt(0) === 0 ? k.slice(2) : k; // "\0s" + s: a str that starts with NUL
}

/**
 * The entry map of a namespace dict, over the name map itself. PyDict only goes through the Map
 * API (get/set/has/delete/iteration/size), so overriding those is enough; entries are made on
 * demand, and writing an entry's `value` writes the name.
 */
class NameEntries extends Map<unknown, DictEntry> {
  constructor(
    readonly names: Map<string, PyValue>,
    private readonly partial: PartialView | null,
  ) {
    super();
  }

  private entry(name: string): DictEntry {
    const names = this.names;
    return {
      key: name,
      get value(): PyValue {
        return names.get(name) as PyValue;
      },
      set value(v: PyValue) {
        names.set(name, v);
      },
    };
  }

  private check(name: string): void {
    if (this.partial?.missing.includes(name)) throw gap(this.partial, `'${name}'`);
  }

  private listing(): void {
    if (this.partial) throw gap(this.partial, 'the full listing');
  }

  override get(k: unknown): DictEntry | undefined {
    const n = nameOf(k);
    if (n === null) return undefined;
    this.check(n);
    return this.names.has(n) ? this.entry(n) : undefined;
  }
  override has(k: unknown): boolean {
    const n = nameOf(k);
    if (n === null) return false;
    this.check(n);
    return this.names.has(n);
  }
  override set(k: unknown, e: DictEntry): this {
    const n = nameOf(k);
    if (n === null || typeof e.key !== 'string') {
      throw new PyError('NotImplementedError', 'only str keys can be stored in a namespace dict (__dict__, vars(), globals()) here');
    }
    this.names.set(n, e.value);
    return this;
  }
  override delete(k: unknown): boolean {
    const n = nameOf(k);
    return n !== null && this.names.delete(n);
  }
  override clear(): void {
    this.names.clear();
  }
  override get size(): number {
    this.listing();
    return this.names.size;
  }
  override *values(): MapIterator<DictEntry> {
    this.listing();
    for (const n of this.names.keys()) yield this.entry(n);
  }
  override *keys(): MapIterator<unknown> {
    this.listing();
    for (const n of this.names.keys()) yield hashKey(n);
  }
  override *entries(): MapIterator<[unknown, DictEntry]> {
    this.listing();
    for (const n of this.names.keys()) yield [hashKey(n), this.entry(n)];
  }
  override [Symbol.iterator](): MapIterator<[unknown, DictEntry]> {
    return this.entries();
  }
  override forEach(cb: (value: DictEntry, key: unknown, map: Map<unknown, DictEntry>) => void): void {
    for (const [k, e] of this.entries()) cb(e, k, this);
  }
}

function gap(p: PartialView, what: string): PyError {
  return new PyError(
    'NotImplementedError',
    `${what} of ${p.what} is not available here: PyTorch also keeps ${p.missing.join(', ')} in it, ` +
      'which this playground stores elsewhere (the other keys work)',
  );
}

/**
 * `obj.__dict__ = d`: the object's attributes become `d` itself. The name map the interpreter
 * reads is then a view over `d` (the mirror image of NameEntries), registered so that
 * `obj.__dict__ is d`. Non-str keys of `d` are not attributes and stay invisible to lookups.
 */
export function namesOver(d: PyDict): Map<string, PyValue> {
  if (d.map instanceof NameEntries) return d.map.names; // another object's __dict__: share it
  const names = new DictNames(d);
  views.set(names, d);
  return names;
}

class DictNames extends Map<string, PyValue> {
  constructor(private readonly d: PyDict) {
    super();
  }
  override get(n: string): PyValue | undefined {
    return this.d.get(n);
  }
  override has(n: string): boolean {
    return this.d.has(n);
  }
  override set(n: string, v: PyValue): this {
    this.d.set(n, v);
    return this;
  }
  override delete(n: string): boolean {
    return this.d.delete(n);
  }
  override clear(): void {
    this.d.map.clear();
  }
  override get size(): number {
    let n = 0;
    for (const k of this.d.keys()) if (typeof k === 'string') n++;
    return n;
  }
  override *entries(): MapIterator<[string, PyValue]> {
    for (const [k, v] of this.d.entries()) if (typeof k === 'string') yield [k, v];
  }
  override *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  override *values(): MapIterator<PyValue> {
    for (const [, v] of this.entries()) yield v;
  }
  override [Symbol.iterator](): MapIterator<[string, PyValue]> {
    return this.entries();
  }
  override forEach(cb: (value: PyValue, key: string, map: Map<string, PyValue>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}
