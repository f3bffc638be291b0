// Pytrees for torch.func: Python containers (tuple, list, dict) nest; anything else is a leaf.
// Transforms flatten their inputs and outputs to leaves, work on the tensors among them, and
// rebuild the same structure. `specText` prints a structure as torch.utils._pytree's TreeSpec
// repr, which appears in vmap's in_dims errors.

import { PyDict, PyList, PyTuple, typeOf, type PyValue } from '../../../python/object';
import { Tensor } from '../../tensor';

export type Spec =
  | { kind: 'leaf' }
  | { kind: 'tuple'; children: Spec[] }
  | { kind: 'list'; children: Spec[] }
  | { kind: 'dict'; keys: PyValue[]; children: Spec[] };

export function flatten(v: PyValue): { leaves: PyValue[]; spec: Spec } {
  const leaves: PyValue[] = [];
  const walk = (x: PyValue): Spec => {
    if (x instanceof PyTuple && x.cls === null) return { kind: 'tuple', children: x.items.map(walk) };
    if (x instanceof PyList) return { kind: 'list', children: x.items.map(walk) };
    if (x instanceof PyDict) {
      const keys = [...x.keys()];
      return { kind: 'dict', keys, children: keys.map((k) => walk(x.get(k)!)) };
    }
    leaves.push(x);
    return { kind: 'leaf' };
  };
  const spec = walk(v);
  return { leaves, spec };
}

export function unflatten(leaves: readonly PyValue[], spec: Spec): PyValue {
  let i = 0;
  const build = (s: Spec): PyValue => {
    switch (s.kind) {
      case 'leaf':
        return leaves[i++];
      case 'tuple':
        return new PyTuple(s.children.map(build));
      case 'list':
        return new PyList(s.children.map(build));
      case 'dict':
        return PyDict.fromEntries(s.keys.map((k, j) => [k, build(s.children[j])] as const));
    }
  };
  return build(spec);
}

export const countLeaves = (s: Spec): number => (s.kind === 'leaf' ? 1 : s.children.reduce((a, c) => a + countLeaves(c), 0));

/** Python's `<class 'float'>` for a value. */
export const classText = (v: PyValue): string => (v instanceof Tensor ? "<class 'torch.Tensor'>" : `<class '${typeOf(v).name}'>`);

/** torch.utils._pytree.TreeSpec.__repr__ (leaves print as `*`). */
export function specText(s: Spec, indent = 0): string {
  if (s.kind === 'leaf') return '*';
  const type = s.kind;
  const ctx = s.kind === 'dict' ? `[${s.keys.map((k) => (typeof k === 'string' ? `'${k}'` : String(k))).join(', ')}]` : 'None';
  const inner = s.children.map((c) => specText(c, indent + 2));
  const sep = `,\n${' '.repeat(indent + 2)}`;
  return `TreeSpec(${type}, ${ctx}, [${inner.join(sep)}])`;
}

/** Does `prefix` (an in_dims tree) match `full` as a pytree prefix (leaves of prefix may cover subtrees)? */
export function isPrefix(prefix: Spec, full: Spec): boolean {
  if (prefix.kind === 'leaf') return true;
  if (prefix.kind !== full.kind) return false;
  if (prefix.children.length !== (full as { children: Spec[] }).children.length) return false;
  return prefix.children.every((c, i) => isPrefix(c, (full as { children: Spec[] }).children[i]));
}
