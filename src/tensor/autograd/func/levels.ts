// How a torch.func transform keeps its gradients apart from everyone else's without functorch's
// wrapper tensors: each transform call makes its own leaves for the inputs it differentiates,
// records with create_graph, and afterwards keeps autograd history on a result only if the
// result depends on something outside this call (an outer tensor that requires grad, or an
// enclosing transform's leaves) — otherwise it detaches it. So `grad(f)(detached_params)` returns
// plain tensors while `grad(f)(params)` and `grad(grad(f))` stay differentiable, as in PyTorch.

import { gradEdge, type GradNode } from '../../grad';
import { Tensor } from '../../tensor';
import { detach } from '../../ops/views';
import { view } from '../../ops/views';
import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { annotate } from '../annotate';

/** An input prepared for differentiation inside one transform call. */
export function innerInput(x: Tensor, own: Set<GradNode>): Tensor {
  if (!isFloating(x.dtype)) throw new PyError('RuntimeError', 'only Tensors of floating point dtype can require gradients');
  // An input the outer world tracks stays connected to it (an alias whose gradient we capture);
  // dependence on it is dependence on the outside. Otherwise a fresh leaf owned by this call.
  if (x.requiresGrad) return annotate(view(x, x.shape), [x]);
  const inner = detach(x);
  inner.requiresGrad = true;
  own.add(gradEdge(inner)!.node);
  return inner;
}

/** True if `t`'s history reaches a leaf (or boundary) that is not one of `own`. */
export function dependsOnOuter(t: Tensor, own: Set<GradNode>): boolean {
  if (!t.requiresGrad) return false;
  const start = gradEdge(t)!.node;
  const seen = new Set<GradNode>();
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (own.has(n)) continue;
    if (n.variable !== null) return true;
    for (const e of n.next) if (e) stack.push(e.node);
  }
  return false;
}

/** Keep history only where it leads outside this call. */
export const release = (t: Tensor, own: Set<GradNode>): Tensor => (dependsOnOuter(t, own) ? t : detach(t));

export const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;
