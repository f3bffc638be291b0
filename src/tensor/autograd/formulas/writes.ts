// Backward formulas of the ops that write into a tensor through indices: scatter / scatter_add,
// index_add / index_copy / index_fill, masked_scatter and index_put (`t[idx] = v`), in place or
// not. All reduce to one picture: write k put source element src[k] (row-major flat index into the
// source) at self[k] (flat index into self). Then
//   self's gradient   g, with the written elements zeroed (an add-write keeps them: g itself)
//   source's gradient g read at the written elements, summed into the source's elements (× alpha)
//   a 0-d value's     g summed over the written elements (index_fill: each element once)
// computed with takeFlat/putAddFlat so create_graph works through them. Each formula first builds
// the (self, src) index lists from what the forward recorded in ctx: dim + index values (index_*),
// dim + index values/shape (scatter), the expanded mask (masked_scatter), or the storage offsets
// written and the indexed shape (index_put).

import type { GradNode } from '../../grad';
import { Tensor } from '../../tensor';
import { contiguousStrides } from '../../shape';
import * as O from '../ops';
import { ctxField, inputMeta, inputMetaOrNull } from '../meta';
import { registerFormula } from '../registry';
import { flatIndexOf, putAddFlat, takeFlat } from './flat';

const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const wrap = (d: number, n: number): number => (d < 0 ? d + n : d);

interface WriteMap {
  self: Int32Array;
  /** Per write, the source element; null when the source is a scalar or 0-d value. */
  src: Int32Array | null;
}

/** index_add / index_copy / index_fill: slice index[j] of self along dim gets slice j of source. */
function sliceMap(node: GradNode, selfShape: readonly number[]): WriteMap {
  const index = ctxField<number[]>(node, 'index');
  if (selfShape.length === 0) return { self: new Int32Array(index.length), src: new Int32Array(index.length).map((_, j) => j) };
  const d = wrap(ctxField<number>(node, 'dim'), selfShape.length);
  const size = selfShape[d];
  const outer = numel(selfShape.slice(0, d));
  const inner = numel(selfShape.slice(d + 1));
  const n = index.length;
  const self = new Int32Array(outer * n * inner);
  const src = new Int32Array(self.length);
  let k = 0;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < n; j++) {
      const i = wrap(index[j], size);
      for (let r = 0; r < inner; r++, k++) {
        self[k] = (o * size + i) * inner + r;
        src[k] = (o * n + j) * inner + r;
      }
    }
  return { self, src };
}

/** scatter / scatter_add: element pos of index writes self[pos with dim = index[pos]] ← src[pos]. */
function scatterMap(node: GradNode, selfShape: readonly number[], srcShape: readonly number[] | null): WriteMap {
  const index = ctxField<number[]>(node, 'index');
  const ishape = ctxField<number[]>(node, 'indexShape');
  const nd = selfShape.length;
  const d = nd === 0 ? 0 : wrap(ctxField<number>(node, 'dim'), nd);
  const ss = contiguousStrides(selfShape);
  const rs = srcShape === null ? null : contiguousStrides(srcShape);
  const self = new Int32Array(index.length);
  const src = rs === null ? null : new Int32Array(index.length);
  const pos = new Array<number>(ishape.length).fill(0);
  for (let k = 0; k < index.length; k++) {
    let so = 0;
    let ro = 0;
    for (let ax = 0; ax < ishape.length; ax++) {
      so += (ax === d ? wrap(index[k], selfShape[d] ?? 1) : pos[ax]) * (ss[ax] ?? 0);
      if (rs !== null) ro += pos[ax] * (rs[ax] ?? 0);
    }
    self[k] = so;
    if (src !== null) src[k] = ro;
    for (let ax = ishape.length - 1; ax >= 0; ax--) {
      if (++pos[ax] < ishape[ax]) break;
      pos[ax] = 0;
    }
  }
  return { self, src };
}

/** masked_scatter: the set elements of the (expanded) mask, in order, take source[0], [1], ... */
function maskMap(node: GradNode): WriteMap {
  const mask = ctxField<Uint8Array>(node, 'mask');
  const self: number[] = [];
  for (let k = 0; k < mask.length; k++) if (mask[k]) self.push(k);
  return { self: Int32Array.from(self), src: Int32Array.from(self, (_, j) => j) };
}

/** index_put: the written storage offsets of self; the value broadcast to the indexed shape. */
function putMap(node: GradNode, valueShape: readonly number[] | null): WriteMap {
  const offsets = ctxField<Float64Array>(node, 'offsets');
  const shape = ctxField<number[]>(node, 'shape');
  const self = flatIndexOf(inputMeta(node, 0), offsets);
  if (valueShape === null) return { self, src: null };
  const lead = shape.length - valueShape.length;
  const vs = contiguousStrides(valueShape);
  const src = new Int32Array(self.length);
  const pos = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < src.length; k++) {
    let o = 0;
    for (let ax = lead; ax < shape.length; ax++) if (valueShape[ax - lead] !== 1) o += pos[ax] * vs[ax - lead];
    src[k] = o;
    for (let ax = shape.length - 1; ax >= 0; ax--) {
      if (++pos[ax] < shape[ax]) break;
      pos[ax] = 0;
    }
  }
  return { self, src };
}

/** g with the elements at `idx` zeroed (a constant mask, so create_graph is unaffected). */
function zeroAt(g: Tensor, idx: Int32Array): Tensor {
  const m = Tensor.empty(g.shape, g.dtype, g.device);
  const d = m.storage.data as Float32Array | Float64Array;
  d.fill(1);
  for (let k = 0; k < idx.length; k++) d[idx[k]] = 0;
  return O.mul(g, m);
}

function writeBackward(node: GradNode, grads: readonly (Tensor | null)[], needs: readonly boolean[], map: WriteMap, accumulate: boolean, alpha = 1): (Tensor | null)[] {
  const g = grads[0]!;
  const out: (Tensor | null)[] = node.next.map(() => null);
  if (needs[0]) out[0] = accumulate ? g : zeroAt(g, map.self);
  if (node.next.length > 1 && needs[1]) {
    const m = inputMetaOrNull(node, 1) ?? inputMeta(node, 1);
    const flat = O.reshape(g, [g.numel()]);
    const picked = takeFlat(flat, map.self, [map.self.length]);
    let gs: Tensor;
    if (map.src === null || m.shape.length === 0) gs = O.reshape(O.sum(picked), m.shape);
    else gs = O.reshape(putAddFlat(picked, map.src, [numel(m.shape)], m.dtype), m.shape);
    out[1] = alpha === 1 ? gs : O.mul(gs, alpha);
  }
  return out;
}

const selfShape = (node: GradNode): readonly number[] => inputMeta(node, 0).shape;
const srcShape = (node: GradNode): readonly number[] | null => (node.next.length > 1 ? inputMeta(node, 1).shape : null);

registerFormula(['ScatterBackward0', 'ScatterBackward1'], (node, grads, fx) =>
  writeBackward(node, grads, fx.needs, scatterMap(node, selfShape(node), srcShape(node)), false),
);
registerFormula('ScatterAddBackward0', (node, grads, fx) => writeBackward(node, grads, fx.needs, scatterMap(node, selfShape(node), srcShape(node)), true));
registerFormula('IndexAddBackward0', (node, grads, fx) =>
  writeBackward(node, grads, fx.needs, sliceMap(node, selfShape(node)), true, (node.ctx.alpha as number | undefined) ?? 1),
);
registerFormula('IndexCopyBackward0', (node, grads, fx) => writeBackward(node, grads, fx.needs, sliceMap(node, selfShape(node)), false));
registerFormula(['IndexFillBackward0', 'IndexFillBackward1'], (node, grads, fx) => {
  const m = sliceMap(node, selfShape(node));
  // the value's gradient counts each filled element once (PyTorch: index_select over unique(index))
  const seen = new Set<number>();
  const self = Int32Array.from(Array.from(m.self).filter((k) => !seen.has(k) && seen.add(k) !== undefined));
  return writeBackward(node, grads, fx.needs, { self, src: null }, false);
});
registerFormula('MaskedScatterBackward0', (node, grads, fx) => writeBackward(node, grads, fx.needs, maskMap(node), false));
registerFormula('IndexPutBackward0', (node, grads, fx) =>
  writeBackward(node, grads, fx.needs, putMap(node, srcShape(node)), node.ctx.accumulate === true),
);
