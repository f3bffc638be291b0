// The in-place view methods: t_, transpose_ / swapdims_ / swapaxes_, squeeze_ and unsqueeze_
// (and Tensor.unfold, a plain view method PyTorch binds the same way).
// They change the tensor's own shape and strides (same storage), bump its version and, when grad
// is needed, record PyTorch's in-place node names (TBackward1, TransposeBackward1,
// SqueezeBackward3/4/5, UnsqueezeBackward1 — checked with the oracle) whose backward maps the
// gradient back to the old layout. The new layout is the one the out-of-place view computes.

import { PyError } from '../../../../errors';
import { GradNode, checkInplace, gradEdge, needsGrad, withNoGrad } from '../../../../tensor/grad';
import { squeeze, t_ as tView, transpose, unfold, unsqueeze } from '../../../../tensor/ops/views';
import { metaOf } from '../../../../tensor/grad';
import { type PyValue, PyList, PyTuple } from '../../../object';
import type { Tensor } from './engine';
import { defTensor } from './type';

/** Give `t` the layout of `view` (a view of it), recording `name` with `ctx` for backward
 * (`shownAs`: the name Python sees when the backward rule is another node's). */
function becomeView(t: Tensor, view: Tensor, name: string, ctx: Record<string, unknown>, shownAs?: string): Tensor {
  checkInplace(t);
  // only metadata changes: the node follows t's history directly (no CopySlices, even on a view)
  const node = needsGrad([t]) ? new GradNode(name, [gradEdge(t)]) : null;
  if (node !== null) {
    node.inputMeta = [metaOf(t)];
    t.gradFn = node;
    t.outputNr = 0;
  }
  t.shape = view.shape.slice();
  t.strides = view.strides.slice();
  t.offset = view.offset;
  t.bumpVersion();
  if (node !== null) {
    node.outputMeta = [metaOf(t)];
    if (shownAs !== undefined) node.shownAs = shownAs;
    Object.assign(node.ctx, ctx);
  }
  return t;
}

const int = (v: PyValue, what: string): number => {
  if (typeof v !== 'number') throw new PyError('TypeError', `${what}(): argument 'dim' must be int, not ${v === null ? 'NoneType' : typeof v}`);
  return v;
};

defTensor('t_', (a) => {
  const t = a[0] as Tensor;
  return becomeView(t, withNoGrad(() => tView(t)), 'TBackward1', {});
});
for (const name of ['transpose_', 'swapdims_', 'swapaxes_']) {
  defTensor(name, (a) => {
    const t = a[0] as Tensor;
    const [d0, d1] = [int(a[1], name), int(a[2], name)];
    return becomeView(t, withNoGrad(() => transpose(t, d0, d1)), 'TransposeBackward1', { dim0: d0, dim1: d1 });
  });
}
/** Tensor.unfold(dimension, size, step) — a view op, kept with its in-place cousins. */
defTensor('unfold', (a) => unfold(a[0] as Tensor, int(a[1], 'unfold'), int(a[2], 'unfold'), int(a[3], 'unfold')));

defTensor('unsqueeze_', (a) => {
  const t = a[0] as Tensor;
  const d = int(a[1], 'unsqueeze_');
  return becomeView(t, withNoGrad(() => unsqueeze(t, d)), 'UnsqueezeBackward1', {});
});
defTensor('squeeze_', (a) => {
  const t = a[0] as Tensor;
  const dim = a[1];
  if (dim === undefined || dim === null) return becomeView(t, withNoGrad(() => squeeze(t)), 'SqueezeBackward3', {});
  if (dim instanceof PyTuple || dim instanceof PyList) {
    const dims = dim.items.map((v) => int(v, 'squeeze_'));
    return becomeView(t, withNoGrad(() => squeeze(t, dims)), 'SqueezeBackward5', {});
  }
  // PyTorch's SqueezeBackward4; the gradient goes back by reshape (the dim may not have been 1)
  return becomeView(t, withNoGrad(() => squeeze(t, int(dim, 'squeeze_'))), 'SqueezeBackward3', {}, 'SqueezeBackward4');
});
