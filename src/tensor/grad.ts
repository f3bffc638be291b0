// Autograd bookkeeping: grad mode (no_grad / set_grad_enabled) and the node record every
// differentiable op leaves on its result. The engine does not run backward here — that is the
// autograd layer's job — but each node records what backward needs to attach: its PyTorch name
// (`AddmmBackward0`, printed as grad_fn), edges to the nodes of its inputs (a leaf that requires
// grad is reached through its cached AccumulateGrad node, as in PyTorch), the tensors the formula
// needs saved together with the version they had (so a later in-place write can be detected), and
// free-form `ctx` (shapes, dims, scalars) the formula will read.

import { PyError } from '../errors';
import type { Tensor } from './tensor';

// ---------------------------------------------------------------------------------------------
// Grad mode

let gradEnabled = true;

export const isGradEnabled = (): boolean => gradEnabled;

/** Set grad mode; returns the previous mode so callers (including async ones) can restore it. */
export function setGradEnabled(on: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = on;
  return prev;
}

/** Run `fn` with grad mode `on` (sync). Async callers use setGradEnabled + finally. */
export function withGradMode<T>(on: boolean, fn: () => T): T {
  const prev = setGradEnabled(on);
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

export const withNoGrad = <T>(fn: () => T): T => withGradMode(false, fn);

// ---------------------------------------------------------------------------------------------
// Nodes

/** An edge from a node to the node that produced one of its inputs (`next_functions`). */
export interface Edge {
  node: GradNode;
  /** Which output of `node` the input was (PyTorch's input_nr on the edge). */
  inputNr: number;
}

export interface SavedTensor {
  tensor: Tensor;
  /** `tensor.version` when saved; backward compares it (PyTorch's "modified by an inplace op"). */
  version: number;
}

let nextNodeId = 1;

/** A tensor's layout as backward needs it (shape to reduce to, dtype to cast to, strides/offset
 * to map a view's elements back onto its input). */
export interface TensorMeta {
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
  dtype: Tensor['dtype'];
}
export const metaOf = (t: Tensor): TensorMeta => ({ shape: t.shape.slice(), strides: t.strides.slice(), offset: t.offset, dtype: t.dtype });

export class GradNode {
  readonly id = nextNodeId++;
  /** Layout of each tensor input (one per `next` entry; null where the input was absent). */
  inputMeta: (TensorMeta | null)[] = [];
  /** Layout of each output. */
  outputMeta: TensorMeta[] = [];
  /** Saved tensors, in the order the formula expects them. */
  saved: SavedTensor[] = [];
  /** Non-tensor data the formula needs (input shapes, dims, scalar values, ...). */
  ctx: Record<string, unknown> = {};
  /** For AccumulateGrad only: the leaf whose `.grad` it accumulates into. */
  variable: Tensor | null = null;
  /** The class name Python sees when it differs from the formula's (a vmap output stacked from
   * per-sample results shows the node of PyTorch's batching rule; see autograd/func/vmap.ts). */
  shownAs: string | null = null;

  constructor(
    /** PyTorch's class name, e.g. 'AddBackward0', 'AccumulateGrad', 'CopySlices'. */
    readonly name: string,
    /** One entry per differentiable input; null where that input does not require grad. */
    readonly next: (Edge | null)[],
  ) {}

  /** The name Python prints: `grad_fn=<…>`, type(grad_fn).__name__, grad_fn.name(). */
  get pyName(): string {
    return this.shownAs ?? this.name;
  }

  save(...ts: Tensor[]): this {
    for (const t of ts) this.saved.push({ tensor: t, version: t.version });
    return this;
  }
}

/** The edge gradient flows along into `t`, or null if `t` does not require grad. */
export function gradEdge(t: Tensor): Edge | null {
  if (!t.requiresGrad) return null;
  if (t.gradFn !== null) return { node: t.gradFn, inputNr: t.outputNr };
  // A leaf: PyTorch caches one AccumulateGrad per leaf (weakly); we keep it on the tensor.
  if (t.accumulateNode === null) {
    const acc = new GradNode('AccumulateGrad', []);
    acc.variable = t;
    t.accumulateNode = acc;
  }
  return { node: t.accumulateNode, inputNr: 0 };
}

/** True if an op on these inputs must record a node (grad mode on and some input requires grad). */
export function needsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t != null && t.requiresGrad) return true;
  return false;
}

/**
 * Record the node of an out-of-place op: if grad is needed, make `name` with edges to `inputs`
 * and make every differentiable (floating) output a non-leaf with that grad_fn. Returns the node
 * (to `save` tensors / fill `ctx`) or null when nothing was recorded.
 */
export function recordOp(name: string, inputs: readonly (Tensor | null | undefined)[], outputs: readonly Tensor[]): GradNode | null {
  if (!needsGrad(inputs)) return null;
  const node = new GradNode(
    name,
    inputs.map((t) => (t == null ? null : gradEdge(t))),
  );
  node.inputMeta = inputs.map((t) => (t == null ? null : metaOf(t)));
  node.outputMeta = outputs.map(metaOf);
  outputs.forEach((o, i) => {
    if (!o.isDifferentiableDtype()) return;
    o.requiresGrad = true;
    o.gradFn = node;
    o.outputNr = i;
  });
  return node;
}

/**
 * Checks PyTorch makes before any in-place write to `t` while grad mode is on: a leaf requiring
 * grad (or a view of one) may not be modified. Call before writing.
 */
export function checkInplace(t: Tensor): void {
  if (!gradEnabled) return;
  if (t.requiresGrad && t.gradFn === null && t.base === null)
    throw new PyError('RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.');
  if (t.base !== null && t.base.requiresGrad && t.base.gradFn === null)
    throw new PyError('RuntimeError', 'a view of a leaf Variable that requires grad is being used in an in-place operation.');
}

/**
 * After an in-place op on `t`: if grad is needed (t or any other input requires grad), the op's
 * node replaces t's history. When `t` is a view, PyTorch rewrites the base's history with a
 * CopySlices node and the view's grad_fn becomes AsStridedBackward0 (regenerated lazily there; we
 * do it eagerly). `inputs` are the op's tensor inputs *other than* t.
 */
export function recordInplace(name: string, t: Tensor, inputs: readonly (Tensor | null | undefined)[]): GradNode | null {
  if (!gradEnabled) return null;
  if (!t.requiresGrad && !inputs.some((x) => x != null && x.requiresGrad)) return null;
  if (!t.isDifferentiableDtype()) return null;
  const node = new GradNode(name, [gradEdge(t), ...inputs.map((x) => (x == null ? null : gradEdge(x)))]);
  node.inputMeta = [metaOf(t), ...inputs.map((x) => (x == null ? null : metaOf(x)))];
  node.outputMeta = [metaOf(t)];
  node.ctx.inplace = true;
  if (t.base !== null) {
    const base = t.base;
    const copySlices = new GradNode('CopySlices', [gradEdge(base), ...node.next.slice(1)]);
    copySlices.inputMeta = [metaOf(base), ...node.inputMeta.slice(1)];
    copySlices.outputMeta = [metaOf(base)];
    copySlices.ctx = { viewShape: t.shape.slice(), viewStrides: t.strides.slice(), viewOffset: t.offset, fn: node };
    base.requiresGrad = true;
    base.gradFn = copySlices;
    base.outputNr = 0;
    const asStrided = new GradNode('AsStridedBackward0', [{ node: copySlices, inputNr: 0 }]);
    asStrided.ctx = { size: t.shape.slice(), stride: t.strides.slice(), offset: t.offset };
    t.requiresGrad = true;
    t.gradFn = asStrided;
    t.outputNr = 0;
    return node;
  }
  t.requiresGrad = true;
  t.gradFn = node;
  t.outputNr = 0;
  return node;
}
