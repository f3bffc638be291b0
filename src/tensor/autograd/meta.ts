// What a backward formula may read from a node the engine recorded, and the checks PyTorch makes
// when it reads it. The forward ops (tensor/ops, owned by the engine) fill `node.saved` and
// `node.ctx`; this file is the one place that interprets them, so the contract lives here:
//
//   node.inputMeta  (TensorMeta | null)[]  one per `next` edge: layout of each tensor input
//   node.outputMeta TensorMeta[]           one per output: layout of each output
//                   (fields on the node, or the same keys in ctx — annotate.ts writes ctx)
//   ctx.params      number[]               an elementwise op's scalar parameters p0.. (alpha, exponent, ...)
//   ctx.scalars     (number | null)[]      per elementwise operand a, b, c: the Python scalar, null for tensors
//   ctx.dims / ctx.keepdim / ctx.dim ...   per-op arguments (see each formula)
//
// Where a field is absent we fall back on what the graph itself tells (a leaf's AccumulateGrad
// knows its variable); where nothing does, `missing` raises an internal error that names the
// node and the field, so a gap in the engine's records is loud, never a silently wrong gradient.
// Saved tensors are unpacked through `savedTensor`, which raises PyTorch's two errors: the graph
// was freed by an earlier backward, or a saved tensor was modified in place since it was saved.

import { PyError } from '../../errors';
import type { DType } from '../dtype';
import type { GradNode } from '../grad';
import { legacyTypeName } from '../dtype';
import type { Tensor } from '../tensor';

export interface TensorMeta {
  shape: readonly number[];
  strides?: readonly number[];
  offset?: number;
  dtype: DType;
}

export const metaOf = (t: Tensor): TensorMeta => ({ shape: t.shape.slice(), strides: t.strides.slice(), offset: t.offset, dtype: t.dtype });

/** Nodes whose saved tensors were released by a backward without retain_graph. */
const freed = new WeakSet<GradNode>();
/** grad_fn of each saved tensor when it was saved (for the version-counter message). */
export const markFreed = (n: GradNode): void => {
  if (n.saved.length > 0) {
    freed.add(n);
    n.saved = [];
  }
};
export const isFreed = (n: GradNode): boolean => freed.has(n);

export const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** The internal error for a record the engine did not make (a contract gap, not a user error). */
export function missing(node: GradNode, what: string): never {
  throw new PyError('RuntimeError', `autograd: ${node.name} cannot compute its gradient: the forward did not record ${what}`);
}

/** Saved tensor `i`, checked against in-place modification and release. */
export function savedTensor(node: GradNode, i: number): Tensor {
  if (freed.has(node)) throw new PyError('RuntimeError', FREED_MESSAGE);
  const s = node.saved[i];
  if (s === undefined) missing(node, `saved tensor #${i}`);
  if (s.tensor.version !== s.version) {
    const t = s.tensor;
    const dims = `[${legacyTypeName(t.dtype)} [${t.shape.join(', ')}]]`;
    // A tensor that is an output of this very node (saved result) names the node; a non-leaf
    // input names the node that produced it.
    const p = producerAtSave(t, t.version - s.version);
    const which = p !== null ? `, which is output ${p.outputNr} of ${p.name},` : '';
    throw new PyError(
      'RuntimeError',
      `one of the variables needed for gradient computation has been modified by an inplace operation: ${dims}${which} is at version ${t.version}; expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
    );
  }
  return s.tensor;
}

/**
 * The grad_fn `t` had when it was saved. Each recorded in-place op bumped the version once and
 * put a node on top of the history whose first edge is the previous grad_fn, so we step back
 * once per missed version (writes under no_grad record nothing; the message is then approximate).
 */
function producerAtSave(t: Tensor, steps: number): { name: string; outputNr: number } | null {
  let fn = t.gradFn;
  let nr = t.outputNr;
  for (let k = 0; k < steps && fn !== null; k++) {
    const e = fn.next[0];
    if (fn.name === 'AsStridedBackward0' || fn.name === 'CopySlices' || e == null || e.node.name === 'AccumulateGrad') return null;
    fn = e.node;
    nr = e.inputNr;
  }
  return fn === null ? null : { name: fn.name, outputNr: nr };
}

/** Layout of tensor input `i` (the i-th `next` edge), or null when it cannot be known. */
type WithMeta = { inputMeta?: (TensorMeta | null)[]; outputMeta?: TensorMeta[] };

export function inputMetaOrNull(node: GradNode, i: number): TensorMeta | null {
  const m = (node as unknown as WithMeta).inputMeta?.[i] ?? (node.ctx.inputMeta as (TensorMeta | null)[] | undefined)?.[i];
  if (m) return m;
  const e = node.next[i];
  if (e && e.node.name === 'AccumulateGrad' && e.node.variable !== null) return metaOf(e.node.variable);
  return null;
}

export function inputMeta(node: GradNode, i: number): TensorMeta {
  return inputMetaOrNull(node, i) ?? missing(node, `the shape of input ${i} (ctx.inputMeta)`);
}

export function outputMeta(node: GradNode, i: number): TensorMeta | null {
  return (node as unknown as WithMeta).outputMeta?.[i] ?? (node.ctx.outputMeta as TensorMeta[] | undefined)?.[i] ?? null;
}

/** A ctx field a formula cannot do without. */
export function ctxField<T>(node: GradNode, key: string): T {
  const v = node.ctx[key];
  if (v === undefined) missing(node, `ctx.${key}`);
  return v as T;
}
