// ConvolutionBackward0 (tensor/ops/nn/conv.ts, 1-d and 2-d, groups, stride, padding, dilation) and
// its double backward. The three gradients come from direct loops over the forward's index map
// (x[b, c, y·s - p + i·d] meets w[o, c, i]): gx = T(g, w), gw = C(x, g), gb = Σ g. Under
// create_graph the loops' results are recorded as one ConvolutionBackwardBackward0 node (PyTorch's
// name) with edges to (g, x, w); since gx and gw are bilinear, its own backward is again a
// convolution and the same loops:
//   d/dg = conv(ggx, w) + conv(x, ggw) + ggb (broadcast)
//   d/dx = T(g, ggw)      d/dw = C(ggx, g)
// so gradients of any order flow through convolutions.

import { recordOp, isGradEnabled, type GradNode } from '../../grad';
import { Tensor } from '../../tensor';
import { conv1d, conv2d, type ConvOptions } from '../../ops/nn/conv';
import * as O from '../ops';
import { ctxField, savedTensor } from '../meta';
import { registerFormula } from '../registry';

const values = (t: Tensor): Float64Array => Float64Array.from(t.dataSync() as ArrayLike<number>);

interface ConvCtx {
  stride: number[];
  padding: number[];
  dilation: number[];
  groups: number;
  opts?: ConvOptions;
}
const convCtx = (node: GradNode): ConvCtx => ({
  stride: ctxField<number[]>(node, 'stride'),
  padding: ctxField<number[]>(node, 'padding'),
  dilation: ctxField<number[]>(node, 'dilation'),
  groups: ctxField<number>(node, 'groups'),
  opts: node.ctx.opts as ConvOptions | undefined,
});

/** The three gradients of conv(x, w) for output gradient g, by direct loops (no history). */
function convGradsRaw(x: Tensor, w: Tensor, g: Tensor, c: ConvCtx, needs: readonly boolean[]): [Tensor | null, Tensor | null, Tensor | null] {
  const two = x.ndim === 4;
  const pick = (v: number[], dflt: number): [number, number] => (two ? [v[0], v[1]] : [dflt, v[0]]);
  const [sh, sw] = pick(c.stride, 1);
  const [ph, pw] = pick(c.padding, 0);
  const [dh, dw] = pick(c.dilation, 1);
  const [n, cIn] = x.shape;
  const [H, W] = two ? [x.shape[2], x.shape[3]] : [1, x.shape[2]];
  const cOut = w.shape[0];
  const cpg = w.shape[1];
  const [kh, kw] = two ? [w.shape[2], w.shape[3]] : [1, w.shape[2]];
  const [oh, ow] = two ? [g.shape[2], g.shape[3]] : [1, g.shape[2]];
  const opg = cOut / c.groups;
  const xv = values(x);
  const wv = values(w);
  const gv = values(g);
  const gx = new Float64Array(xv.length);
  const gw = new Float64Array(wv.length);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cOut; o++) {
      const grp = Math.floor(o / opg);
      for (let y = 0; y < oh; y++)
        for (let z = 0; z < ow; z++) {
          const go = gv[((b * cOut + o) * oh + y) * ow + z];
          if (go === 0) continue;
          for (let ch = 0; ch < cpg; ch++) {
            const plane = (b * cIn + grp * cpg + ch) * H * W;
            for (let i = 0; i < kh; i++) {
              const iy = y * sh - ph + i * dh;
              if (iy < 0 || iy >= H) continue;
              for (let j = 0; j < kw; j++) {
                const ix = z * sw - pw + j * dw;
                if (ix < 0 || ix >= W) continue;
                const wi = ((o * cpg + ch) * kh + i) * kw + j;
                const xi = plane + iy * W + ix;
                gx[xi] += go * wv[wi];
                gw[wi] += go * xv[xi];
              }
            }
          }
        }
    }
  const asT = (d: Float64Array, shape: readonly number[], like: Tensor): Tensor => {
    const t = Tensor.empty(shape, like.dtype, like.device);
    (t.storage.data as Float32Array | Float64Array).set(d);
    return t;
  };
  let gb: Tensor | null = null;
  if (needs[2]) {
    const s = new Float64Array(cOut);
    for (let b = 0; b < n; b++) for (let o = 0; o < cOut; o++) for (let p = 0; p < oh * ow; p++) s[o] += gv[(b * cOut + o) * oh * ow + p];
    gb = asT(s, [cOut], g);
  }
  return [needs[0] ? asT(gx, x.shape, x) : null, needs[1] ? asT(gw, w.shape, w) : null, gb];
}

/** The gradients, recorded as ConvolutionBackwardBackward0 (edges g, x, w) when grad mode is on
 * and any of them requires grad — the create_graph case. */
function convGrads(x: Tensor, w: Tensor, g: Tensor, c: ConvCtx, needs: readonly boolean[]): (Tensor | null)[] {
  const outs = convGradsRaw(x, w, g, c, needs);
  if (isGradEnabled()) {
    const present = outs.filter((t): t is Tensor => t !== null);
    const node = recordOp('ConvolutionBackwardBackward0', [g, x, w], present);
    if (node !== null) {
      node.save(g, x, w);
      node.ctx = { ...c, present: outs.map((t) => t !== null) };
    }
  }
  return outs;
}

const convForward = (x: Tensor, w: Tensor, c: ConvCtx): Tensor => {
  const opts: ConvOptions = c.opts ?? { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
  return x.ndim === 4 ? conv2d(x, w, null, opts) : conv1d(x, w, null, opts);
};

registerFormula('ConvolutionBackward0', (node, grads, fx) => convGrads(savedTensor(node, 0), savedTensor(node, 1), grads[0]!, convCtx(node), fx.needs));

registerFormula('ConvolutionBackwardBackward0', (node, grads, fx) => {
  const [g, x, w] = [savedTensor(node, 0), savedTensor(node, 1), savedTensor(node, 2)];
  const c = convCtx(node);
  // grads arrive per recorded output; map them back to (ggx, ggw, ggb)
  const present = node.ctx.present as boolean[];
  const gg: (Tensor | null)[] = [null, null, null];
  let k = 0;
  present.forEach((p, i) => {
    if (p) gg[i] = grads[k++] ?? null;
  });
  const [ggx, ggw, ggb] = gg;
  let dg: Tensor | null = null;
  const addTo = (t: Tensor): void => {
    dg = dg === null ? t : O.add(dg, t);
  };
  if (fx.needs[0]) {
    if (ggx !== null) addTo(convForward(ggx, w, c));
    if (ggw !== null) addTo(convForward(x, ggw, c));
    if (ggb !== null) addTo(O.expand(O.reshape(ggb, [1, ggb.shape[0], ...g.shape.slice(2).map(() => 1)]), g.shape));
  }
  const dx = fx.needs[1] && ggw !== null ? convGrads(x, ggw, g, c, [true, false, false])[0] : null;
  const dw = fx.needs[2] && ggx !== null ? convGrads(ggx, w, g, c, [false, true, false])[1] : null;
  return [dg, dx, dw];
});
