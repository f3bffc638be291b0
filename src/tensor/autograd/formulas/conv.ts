// ConvolutionBackward0 (tensor/ops/nn/conv.ts, 1-d and 2-d, groups, stride, padding, dilation):
// the three gradients by direct loops over the forward's index map (x[b, c, y·s - p + i·d] meets
// w[o, c, i]). First-order only: under create_graph the results carry no history of their own.

import { Tensor } from '../../tensor';
import { ctxField, savedTensor } from '../meta';
import { registerFormula } from '../registry';

const values = (t: Tensor): Float64Array => Float64Array.from(t.dataSync() as ArrayLike<number>);

registerFormula('ConvolutionBackward0', (node, grads, fx) => {
  const x = savedTensor(node, 0);
  const w = savedTensor(node, 1);
  const g = grads[0]!;
  const two = x.ndim === 4;
  const pick = (v: number[], dflt: number): [number, number] => (two ? [v[0], v[1]] : [dflt, v[0]]);
  const [sh, sw] = pick(ctxField<number[]>(node, 'stride'), 1);
  const [ph, pw] = pick(ctxField<number[]>(node, 'padding'), 0);
  const [dh, dw] = pick(ctxField<number[]>(node, 'dilation'), 1);
  const groups = ctxField<number>(node, 'groups');
  const [n, cIn] = x.shape;
  const [H, W] = two ? [x.shape[2], x.shape[3]] : [1, x.shape[2]];
  const cOut = w.shape[0];
  const cpg = w.shape[1];
  const [kh, kw] = two ? [w.shape[2], w.shape[3]] : [1, w.shape[2]];
  const [oh, ow] = two ? [g.shape[2], g.shape[3]] : [1, g.shape[2]];
  const opg = cOut / groups;
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
          for (let c = 0; c < cpg; c++) {
            const plane = (b * cIn + grp * cpg + c) * H * W;
            for (let i = 0; i < kh; i++) {
              const iy = y * sh - ph + i * dh;
              if (iy < 0 || iy >= H) continue;
              for (let j = 0; j < kw; j++) {
                const ix = z * sw - pw + j * dw;
                if (ix < 0 || ix >= W) continue;
                const wi = ((o * cpg + c) * kh + i) * kw + j;
                const xi = plane + iy * W + ix;
                gx[xi] += go * wv[wi];
                gw[wi] += go * xv[xi];
              }
            }
          }
        }
    }
  const asT = (d: Float64Array, like: Tensor): Tensor => {
    const t = Tensor.empty(like.shape, like.dtype, like.device);
    (t.storage.data as Float32Array | Float64Array).set(d);
    return t;
  };
  let gb: Tensor | null = null;
  if (fx.needs[2]) {
    const s = new Float64Array(cOut);
    for (let b = 0; b < n; b++) for (let o = 0; o < cOut; o++) for (let p = 0; p < oh * ow; p++) s[o] += gv[(b * cOut + o) * oh * ow + p];
    gb = Tensor.empty([cOut], g.dtype, g.device);
    (gb.storage.data as Float32Array | Float64Array).set(s);
  }
  return [fx.needs[0] ? asT(gx, x) : null, fx.needs[1] ? asT(gw, w) : null, gb];
});
