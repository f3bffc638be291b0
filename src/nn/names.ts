// How a module tree is named (SEMANTICS §11): named_modules' pre-order walk, named_parameters /
// named_buffers (own members before children's, first name of a shared tensor wins), and
// named_children. These are lazy generators, like PyTorch's, so a cycle only fails when iterated
// (RecursionError, as Python's recursion limit would). `allStateNames` is the hot-path variant
// functional_call uses on every call for tie groups and strict (no de-duplication, no generator
// machinery).

import { PyError } from '../errors';
import type { PyDict } from '../python/object';
import type { Tensor } from './bridge';
import { Module } from './module';

/** Python's default recursion limit; a named_modules cycle without de-duplication hits it. */
export const RECURSION_LIMIT = 1000;

export const recursionError = (): PyError => new PyError('RecursionError', 'maximum recursion depth exceeded');

const join = (prefix: string, name: string): string => (prefix ? `${prefix}.${name}` : name);

/** `named_modules(memo=None, prefix='', remove_duplicate=True)`. */
export function* namedModules(
  m: Module,
  prefix = '',
  removeDuplicate = true,
  memo: Set<Module> = new Set(),
  depth = 0,
): Generator<[string, Module]> {
  if (depth >= RECURSION_LIMIT) throw recursionError();
  if (memo.has(m)) return;
  if (removeDuplicate) memo.add(m);
  yield [prefix, m];
  const mods = m._modules;
  if (mods === null) return;
  for (const [name, child] of mods.entries()) {
    if (!(child instanceof Module)) continue;
    yield* namedModules(child, join(prefix, name as string), removeDuplicate, memo, depth + 1);
  }
}

export type MemberKind = 'parameters' | 'buffers';

/** `_named_members` behind named_parameters / named_buffers. */
export function* namedMembers(
  m: Module,
  kind: MemberKind,
  prefix = '',
  recurse = true,
  removeDuplicate = true,
): Generator<[string, Tensor]> {
  const memo = new Set<Tensor>();
  const modules: Iterable<[string, Module]> = recurse ? namedModules(m, prefix, removeDuplicate) : [[prefix, m]];
  for (const [modPrefix, mod] of modules) {
    const members = kind === 'parameters' ? mod._parameters : mod._buffers;
    if (members === null) continue;
    for (const [k, v] of members.entries()) {
      if (v === null || memo.has(v as Tensor)) continue;
      if (removeDuplicate) memo.add(v as Tensor);
      yield [join(modPrefix, k as string), v as Tensor];
    }
  }
}

/** `named_children()`: direct children, skipping None, de-duplicated by identity. */
export function* namedChildren(m: Module): Generator<[string, Module]> {
  const memo = new Set<Module>();
  const mods = m._modules;
  if (mods === null) return;
  for (const [name, child] of mods.entries()) {
    if (child instanceof Module && !memo.has(child)) {
      memo.add(child);
      yield [name as string, child];
    }
  }
}

/** True if some tensor object sits in two slots of the tree (parameters and buffers together) —
 * the only case where tie groups exist. Cheap: no names are built. */
export function hasSharedTensors(m: Module): boolean {
  return sharedWalk(m, 0, { small: [], big: null });
}

/** Tensors seen so far: a short array (a Set once there are many) — most modules hold a handful,
 * and this runs on every functional_call. Module-level functions, not closures: the hot path
 * should not allocate one per call. */
interface Seen {
  small: unknown[];
  big: Set<unknown> | null;
}
function sharedWalk(mod: Module, depth: number, seen: Seen): boolean {
  if (depth >= RECURSION_LIMIT) throw recursionError();
  if (mod._parameters !== null && sharedIn(mod._parameters, seen)) return true;
  if (mod._buffers !== null && sharedIn(mod._buffers, seen)) return true;
  const children = mod._modules;
  if (children === null) return false;
  for (const e of children.map.values()) if (e.value instanceof Module && sharedWalk(e.value, depth + 1, seen)) return true;
  return false;
}
function sharedIn(d: PyDict, seen: Seen): boolean {
  for (const e of d.map.values()) {
    const v = e.value;
    if (v === null) continue;
    if (seen.big !== null) {
      if (seen.big.has(v)) return true;
      seen.big.add(v);
    } else if (seen.small.includes(v)) return true;
    else if (seen.small.push(v) > 16) seen.big = new Set(seen.small);
  }
  return false;
}

/**
 * Every name of `named_parameters(remove_duplicate=False)` followed by every name of
 * `named_buffers(remove_duplicate=False)`, with its tensor — what functional_call's tie detection
 * and strict check enumerate. Eager and allocation-light: it runs on every call.
 */
export function allStateNames(m: Module): { names: string[]; tensors: Tensor[] } {
  const mods: [string, Module][] = [];
  const walk = (mod: Module, prefix: string, depth: number): void => {
    if (depth >= RECURSION_LIMIT) throw recursionError();
    mods.push([prefix, mod]);
    const children = mod._modules;
    if (children === null) return;
    for (const e of children.map.values()) {
      if (e.value instanceof Module) walk(e.value, prefix ? `${prefix}.${e.key as string}` : (e.key as string), depth + 1);
    }
  };
  walk(m, '', 0);
  const names: string[] = [];
  const tensors: Tensor[] = [];
  for (const kind of [0, 1]) {
    for (const [prefix, mod] of mods) {
      const members = kind === 0 ? mod._parameters : mod._buffers;
      if (members === null) continue;
      for (const e of members.map.values()) {
        if (e.value === null) continue;
        names.push(prefix ? `${prefix}.${e.key as string}` : (e.key as string));
        tensors.push(e.value as Tensor);
      }
    }
  }
  return { names, tensors };
}
