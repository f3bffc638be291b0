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

/** Nodes a backward without retain_graph has run through: their saved state is released. Every
 * such node is marked, not only those with saved tensors, because some state PyTorch holds as a
 * SavedVariable lives in ctx here (a Python scalar operand of mul/div, which PyTorch wraps into a
 * tensor and saves); the error is raised where a formula reads released state (savedTensor,
 * savedScalar), so a node that saved nothing still runs twice, as in PyTorch. */
const freed = new WeakSet<GradNode>();
export const markFreed = (n: GradNode): void => {
  freed.add(n);
  n.saved = [];
};
export const isFreed = (n: GradNode): boolean => freed.has(n);

export const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** The internal error for a record the engine did not make (a contract gap, not a user error). */
export function missing(node: GradNode, what: string): never {
  throw new PyError('RuntimeError', `autograd: ${node.name} cannot compute its gradient: the forward did not record ${what}`);
}

/** A value the forward kept in ctx that PyTorch saves as a SavedVariable (a wrapped Python
 * scalar operand): reading it after the graph was freed raises PyTorch's error. */
export function savedScalar<T>(node: GradNode, value: T): T {
  if (freed.has(node)) throw new PyError('RuntimeError', FREED_MESSAGE);
  return value;
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
    const p = producerAtSave(t, t.version - s.version, node);
    const which = p !== null ? `, which is output ${p.outputNr} of ${p.name},` : '';
    throw new PyError(
      'RuntimeError',
      `one of the variables needed for gradient computation has been modified by an inplace operation: ${dims}${which} is at version ${t.version}; expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
    );
  }
  return s.tensor;
}

/**
 * The "which is output N of X" part of the message, as PyTorch's SavedVariable::unpack words it:
 * a saved *output* of the node names the node (found by stepping back over the in-place nodes
 * recorded on top of it since — one per missed version); a saved input names its current grad_fn,
 * which for a view whose memory was written since is the regenerated AsStridedBackward0.
 */
function producerAtSave(t: Tensor, steps: number, node: GradNode): { name: string; outputNr: number } | null {
  let fn = t.gradFn;
  let nr = t.outputNr;
  for (let k = 0; k < steps && fn !== null && fn !== node; k++) {
    const e = fn.next[0];
    if (e == null) break;
    fn = e.node;
    nr = e.inputNr;
  }
  if (fn === node) return { name: node.name, outputNr: nr };
  if (!t.requiresGrad) return null;
  if (t.base !== null) return { name: 'AsStridedBackward0', outputNr: 0 };
  return t.gradFn === null ? null : { name: t.gradFn.name, outputNr: t.outputNr };
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
