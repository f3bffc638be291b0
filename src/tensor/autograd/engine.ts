// The backward engine: given root edges and their gradients, walks the recorded graph in
// dependency order (a node runs once every node that feeds it gradient has run), sums the
// gradients flowing into each node's outputs, runs hooks, calls the node's formula, and either
// accumulates into leaves' `.grad` (backward) or captures the gradients of chosen inputs
// (autograd.grad). Async only because hooks may be Python callables; formulas are synchronous.
//
// PyTorch behaviours reproduced here: validate_outputs (a formula's gradient is summed down to
// the input's recorded shape and cast to its dtype), release of saved tensors after a backward
// without retain_graph, grad mode during backward = create_graph, AccumulateGrad's in-place
// accumulation (a `.grad` object keeps its identity across backwards) and retain_grad.

import { PyError } from '../../errors';
import { setGradEnabled, type Edge, type GradNode } from '../grad';
import type { Tensor } from '../tensor';
import { Storage } from '../storage';
import { hooksOfLeaf, hooksOfNode, retainedOf, runHooks } from './hooks';
import { inputMetaOrNull, markFreed } from './meta';
import { add, castTo, clone, detach, expandableTo, sumTo } from './ops';
import { formulaFor } from './registry';
import { add_ } from '../ops/arith';
import './formulas';

export interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: capture gradients at these edges instead of accumulating into leaves. */
  capture?: readonly Edge[];
  /** backward(inputs=...): accumulate only into these tensors (leaves or not). */
  accumulateInto?: readonly Tensor[];
}

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** Sum of two gradients (out of place: either may be shared with another consumer). */
const plus = (a: Tensor | null, b: Tensor): Tensor => (a === null ? b : add(a, b));

/** Post-order over the reachable graph: dependencies and the nodes that lead to a target. */
function analyse(roots: readonly GradNode[], isTarget: ((n: GradNode) => boolean) | null) {
  const deps = new Map<GradNode, number>();
  const needed = new Set<GradNode>();
  const seen = new Set<GradNode>();
  const stack: { n: GradNode; i: number }[] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push({ n: r, i: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i < top.n.next.length) {
        const e = top.n.next[top.i++];
        if (e == null) continue;
        deps.set(e.node, (deps.get(e.node) ?? 0) + 1);
        if (!seen.has(e.node)) {
          seen.add(e.node);
          stack.push({ n: e.node, i: 0 });
        }
        continue;
      }
      stack.pop();
      const n = top.n;
      if (isTarget === null || isTarget(n) || n.next.some((e) => e != null && needed.has(e.node))) needed.add(n);
    }
  }
  return { deps, needed };
}

/** A max-heap on node id: PyTorch runs the most recently created ready node first. */
class ReadyQueue {
  private h: GradNode[] = [];
  get size(): number {
    return this.h.length;
  }
  push(n: GradNode): void {
    const h = this.h;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].id >= h[i].id) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): GradNode {
    const h = this.h;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].id > h[m].id) m = l;
        if (r < h.length && h[r].id > h[m].id) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Store or add `g` into a tensor's `.grad` the way AccumulateGrad / retain_grad do. A gradient
 * this backward made and handed to no one else is stolen (PyTorch does the same) — also when it is
 * a view, if its layout is the plain contiguous one over memory this backward allocated and no
 * other pending gradient uses; any other is copied, so two `.grad`s never share memory. */
function accumulate(t: Tensor, g: Tensor, createGraph: boolean, stealable = false): void {
  if (t.grad === null) {
    if (createGraph) t.grad = g;
    else if (stealable && !g.requiresGrad && g.base === null) t.grad = g;
    else if (stealable && !g.requiresGrad && g.offset === 0 && g.isContiguous() && g.numel() === g.storage.size) t.grad = detach(g);
    else t.grad = clone(detach(g));
    return;
  }
  if (createGraph) t.grad = add(t.grad, g);
  else {
    const prev = setGradEnabled(false);
    try {
      // in place, so a `.grad` object the script holds sees the sum (PyTorch's `grad += new`)
      t.grad = addInPlace(t.grad, g);
    } finally {
      setGradEnabled(prev);
    }
  }
}

function addInPlace(acc: Tensor, g: Tensor): Tensor {
  if (acc.requiresGrad && acc.gradFn === null) return add(acc, g); // a leaf .grad: no in-place write
  return add_(acc, g);
}

/** Run backward from `roots` (edges) seeded with `grads`. Returns captured gradients, if any. */
export async function runBackward(roots: readonly Edge[], grads: readonly Tensor[], opts: RunOptions): Promise<(Tensor | null)[]> {
  const capture = opts.capture ?? null;
  const captureAt = new Map<GradNode, Map<number, number[]>>();
  capture?.forEach((e, k) => {
    let m = captureAt.get(e.node);
    if (!m) captureAt.set(e.node, (m = new Map()));
    const l = m.get(e.inputNr) ?? [];
    l.push(k);
    m.set(e.inputNr, l);
  });
  const only = opts.accumulateInto ? new Set(opts.accumulateInto) : null;
  const onlyNodes = new Map<GradNode, Map<number, Tensor>>();
  if (only !== null)
    for (const t of only) {
      if (t.gradFn === null) continue;
      let m = onlyNodes.get(t.gradFn);
      if (!m) onlyNodes.set(t.gradFn, (m = new Map()));
      m.set(t.outputNr, t);
    }
  const isTarget =
    capture !== null
      ? (n: GradNode) => captureAt.has(n)
      : only !== null
        ? (n: GradNode) => onlyNodes.has(n) || (n.variable !== null && only.has(n.variable))
        : null;
  const rootNodes = roots.map((r) => r.node);
  const { deps, needed } = analyse(rootNodes, isTarget);
  const buffers = new Map<GradNode, (Tensor | null)[]>();
  // how many buffer slots each gradient object was put in (user-given root grads: never stolen)
  const uses = new Map<Tensor, number>();
  // memory allocated by this backward (storage ids from here on), and how many pending buffer
  // slots hold a gradient over each storage: a view is stolen only when it is alone on its memory
  const storageFloor = Storage.alloc('float32', 0, 'cpu').id;
  const live = new Map<Storage, number>();
  const hold = (t: Tensor, d: number): void => {
    if (t.storage.id >= storageFloor) live.set(t.storage, (live.get(t.storage) ?? 0) + d);
  };
  const place = (b: (Tensor | null)[], k: number, g: Tensor): void => {
    const prev = b[k] ?? null;
    const v = plus(prev, g);
    if (prev !== null) hold(prev, -1);
    b[k] = v;
    uses.set(v, (uses.get(v) ?? 0) + 1);
    hold(v, 1);
  };
  const alone = (g: Tensor): boolean => g.base === null || (g.storage.id >= storageFloor && live.get(g.storage) === 1);
  for (const g of grads) uses.set(g, 2);
  const captured: (Tensor | null)[] = capture ? capture.map(() => null) : [];

  const prevMode = setGradEnabled(opts.createGraph);
  try {
    roots.forEach((r, k) => {
      let b = buffers.get(r.node);
      if (!b) buffers.set(r.node, (b = []));
      place(b, r.inputNr, grads[k]);
    });
    const queue = new ReadyQueue();
    for (const n of new Set(rootNodes)) if ((deps.get(n) ?? 0) === 0) queue.push(n);
    while (queue.size > 0) {
      const node = queue.pop();
      const inGrads = buffers.get(node) ?? [];
      buffers.delete(node);
      const held = inGrads.slice(); // hooks may replace entries of inGrads
      if (needed.has(node)) await execute(node, inGrads);
      for (const g of held) if (g != null) hold(g, -1);
      for (const e of node.next) {
        if (e == null) continue;
        const d = (deps.get(e.node) ?? 1) - 1;
        deps.set(e.node, d);
        if (d === 0) queue.push(e.node);
      }
    }
  } finally {
    setGradEnabled(prevMode);
  }
  return captured;

  async function execute(node: GradNode, inGrads: (Tensor | null)[]): Promise<void> {
    // tensor hooks, then retain_grad / backward(inputs=) storage, then capture
    for (let k = 0; k < inGrads.length; k++) {
      let g = inGrads[k];
      if (g == null) continue;
      if (node.variable !== null) g = await runHooks(hooksOfLeaf(node.variable), g);
      else g = await runHooks(hooksOfNode(node, k), g);
      inGrads[k] = g;
      const kept = retainedOf(node)?.get(k);
      if (kept !== undefined && capture === null) accumulate(kept, g, opts.createGraph);
      const into = onlyNodes.get(node)?.get(k);
      if (into !== undefined && !(kept !== undefined)) accumulate(into, g, opts.createGraph);
      const slots = captureAt.get(node)?.get(k);
      if (slots) for (const s of slots) captured[s] = captured[s] === null ? g : add(captured[s]!, g);
    }
    if (node.variable !== null) {
      // AccumulateGrad
      const g = inGrads[0];
      if (g == null || capture !== null) return;
      if (only !== null && !only.has(node.variable)) return;
      accumulate(node.variable, g, opts.createGraph, uses.get(g) === 1 && alone(g));
      return;
    }
    if (capture !== null || only !== null) {
      // run the formula only if something needed lies beyond this node
      if (!node.next.some((e) => e != null && needed.has(e.node))) {
        if (!opts.retainGraph) markFreed(node);
        return;
      }
    }
    const f = formulaFor(node.name);
    if (f === undefined) throw new PyError('RuntimeError', `autograd: no backward formula for ${node.name}`);
    const needs = node.next.map((e) => e != null && needed.has(e.node));
    const out = f(node, inGrads, { createGraph: opts.createGraph, needs });
    if (!opts.retainGraph) markFreed(node);
    node.next.forEach((e, i) => {
      if (e == null || !needs[i]) return;
      let g = out[i] ?? null;
      if (g === null) return;
      g = validate(node, i, g);
      let b = buffers.get(e.node);
      if (!b) buffers.set(e.node, (b = []));
      place(b, e.inputNr, g);
    });
  }
}

/** PyTorch's validate_outputs: reduce a broadcast gradient to the input's shape, cast its dtype. */
function validate(node: GradNode, i: number, g: Tensor): Tensor {
  const m = inputMetaOrNull(node, i);
  if (m === null) return g;
  let r = g;
  if (r.shape.length !== m.shape.length || r.shape.some((d, k) => d !== m.shape[k])) {
    if (!expandableTo(m.shape, r.shape))
      throw new PyError(
        'RuntimeError',
        `Function ${node.name} returned an invalid gradient at index ${i} - got ${shapeStr(r.shape)} but expected shape compatible with ${shapeStr(m.shape)}`,
      );
    r = sumTo(r, m.shape);
  }
  return castTo(r, m.dtype);
}
