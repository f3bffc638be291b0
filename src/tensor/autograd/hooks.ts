// Tensor hooks and retain_grad, kept beside the graph rather than on it: a hook registered on a
// leaf runs before its AccumulateGrad accumulates; one registered on a non-leaf is attached to
// the tensor's grad_fn (for its output number) at registration time, as PyTorch does, and runs
// when that node's incoming gradient is complete. retain_grad is such a hook that stores the
// gradient into the tensor's `.grad`; it always runs after the user's hooks.

import { PyError } from '../../errors';
import type { GradNode } from '../grad';
import type { Tensor } from '../tensor';

/** A hook: may return a replacement gradient (null/undefined keeps the incoming one). */
export type GradHook = (grad: Tensor) => Tensor | null | undefined | Promise<Tensor | null | undefined>;

export interface HookHandle {
  remove(): void;
}

const leafHooks = new WeakMap<Tensor, GradHook[]>();
const nodeHooks = new WeakMap<GradNode, Map<number, GradHook[]>>();
const retained = new WeakMap<GradNode, Map<number, Tensor>>();

function listFor(t: Tensor): GradHook[] {
  if (t.gradFn === null) {
    let l = leafHooks.get(t);
    if (!l) leafHooks.set(t, (l = []));
    return l;
  }
  let m = nodeHooks.get(t.gradFn);
  if (!m) nodeHooks.set(t.gradFn, (m = new Map()));
  let l = m.get(t.outputNr);
  if (!l) m.set(t.outputNr, (l = []));
  return l;
}

/** Tensor.register_hook(fn). */
export function registerHook(t: Tensor, hook: GradHook): HookHandle {
  if (!t.requiresGrad) throw new PyError('RuntimeError', "cannot register a hook on a tensor that doesn't require gradient");
  const l = listFor(t);
  l.push(hook);
  return {
    remove() {
      const i = l.indexOf(hook);
      if (i >= 0) l.splice(i, 1);
    },
  };
}

/** Tensor.retain_grad(): a no-op on leaves. */
export function retainGrad(t: Tensor): void {
  if (!t.requiresGrad) throw new PyError('RuntimeError', "can't retain_grad on Tensor that has requires_grad=False");
  if (t.gradFn === null || t.retainsGrad) return;
  t.retainsGrad = true;
  let m = retained.get(t.gradFn);
  if (!m) retained.set(t.gradFn, (m = new Map()));
  m.set(t.outputNr, t);
}

export const hooksOfLeaf = (t: Tensor): readonly GradHook[] => leafHooks.get(t) ?? [];
export const hooksOfNode = (n: GradNode, outputNr: number): readonly GradHook[] => nodeHooks.get(n)?.get(outputNr) ?? [];
export const retainedOf = (n: GradNode): ReadonlyMap<number, Tensor> | undefined => retained.get(n);
export const nodeHasHooks = (n: GradNode): boolean => nodeHooks.has(n) || retained.has(n);

/** Run hooks in order; each sees the previous one's result. */
export async function runHooks(hooks: readonly GradHook[], g: Tensor): Promise<Tensor> {
  let cur = g;
  for (const h of hooks.slice()) {
    const r = await h(cur);
    if (r !== null && r !== undefined) cur = r;
  }
  return cur;
}
