// conv_transpose1d / conv_transpose2d (stride, padding, output_padding, groups, dilation): the
// adjoint of conv — each input pixel scatters `x · w` into the output window it came from
// (out[b, g·O/g + o, y·s − p + i·d, z·s − p + j·d] += x[b, g·C/g + c, y, z] · w[g·C/g + c, o, i, j]),
// accumulated in double and stored once. 1-d is 2-d with height 1; unbatched inputs go through
// unsqueeze/squeeze. PyTorch records these as ConvolutionBackward0 (the same node as conv, with
// transposed=True); the registered ConvolutionBackward0 formula is wrapped once so that nodes
// marked `transposed` get this file's backward and all others the original.

import { PyError } from '../../../errors';
import { formulaFor, registerFormula, type Formula } from '../../autograd/registry';
import { ctxField, savedTensor } from '../../autograd/meta';
import { recordOp } from '../../grad';
import { scalarTypeName } from '../../promotion';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { roundHalf } from '../linalg/layout';
import { squeeze, unsqueeze } from '../views';
import { floatValues, type FloatArr } from './rows';

export interface ConvTransposeOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
}

const expandArg = (v: number | readonly number[], n: number): number[] =>
  typeof v === 'number' ? new Array<number>(n).fill(v) : v.length === 1 ? new Array<number>(n).fill(v[0]) : v.slice();

interface Geometry {
  n: number; cIn: number; cOut: number; groups: number; cpg: number; opg: number;
  H: number; W: number; OH: number; OW: number; kh: number; kw: number;
  sh: number; sw: number; ph: number; pw: number; dh: number; dw: number;
}

function geometry(x: Tensor, w: Tensor, o: ConvTransposeOptions, s: 1 | 2): Geometry {
  const stride = expandArg(o.stride ?? 1, s);
  const padding = expandArg(o.padding ?? 0, s);
  const outPad = expandArg(o.outputPadding ?? 0, s);
  const dilation = expandArg(o.dilation ?? 1, s);
  const groups = o.groups ?? 1;
  const [n, cIn] = x.shape;
  if (w.ndim !== s + 2) throw new PyError('RuntimeError', `weight should have at least three dimensions`);
  if (w.shape[0] !== cIn)
    throw new PyError(
      'RuntimeError',
      `Given transposed=1, weight of size ${shapeList(w.shape)}, expected input${shapeList(x.shape)} to have ${w.shape[0]} channels, but got ${cIn} channels instead`,
    );
  if (x.dtype !== w.dtype) throw new PyError('RuntimeError', `expected scalar type ${scalarTypeName(x.dtype)} but found ${scalarTypeName(w.dtype)}`);
  for (let i = 0; i < s; i++) {
    if (outPad[i] >= stride[i] && outPad[i] >= dilation[i])
      throw new PyError('RuntimeError', `output padding must be smaller than either stride or dilation, but got output_padding_height: ${outPad[0]} output_padding_width: ${outPad[s - 1]} stride_height: ${stride[0]} stride_width: ${stride[s - 1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[s - 1]}`);
  }
  const spatial = x.shape.slice(2);
  const kernel = w.shape.slice(2);
  const out = spatial.map((v, i) => (v - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + outPad[i] + 1);
  if (out.some((v) => v <= 0)) throw new PyError('RuntimeError', `Given input size per channel: (${spatial.join(' x ')}). Calculated output size per channel: (${out.join(' x ')}). Output size is too small`);
  const two = <T>(v: T[], d: T): [T, T] => (s === 2 ? [v[0], v[1]] : [d, v[0]]);
  const [H, W] = two(spatial, 1);
  const [OH, OW] = two(out, 1);
  const [kh, kw] = two(kernel, 1);
  const [sh, sw] = two(stride, 1);
  const [ph, pw] = two(padding, 0);
  const [dh, dw] = two(dilation, 1);
  const opg = w.shape[1];
  return { n, cIn, cOut: opg * groups, groups, cpg: cIn / groups, opg, H, W, OH, OW, kh, kw, sh, sw, ph, pw, dh, dw };
}

/** Visit every (input index, weight index, output index) triple of the scatter. */
function eachTap(g: Geometry, f: (xi: number, wi: number, oi: number) => void): void {
  for (let b = 0; b < g.n; b++)
    for (let c = 0; c < g.cIn; c++) {
      const grp = Math.floor(c / g.cpg);
      for (let o = 0; o < g.opg; o++) {
        const oc = grp * g.opg + o;
        for (let y = 0; y < g.H; y++)
          for (let z = 0; z < g.W; z++) {
            const xi = ((b * g.cIn + c) * g.H + y) * g.W + z;
            for (let i = 0; i < g.kh; i++) {
              const oy = y * g.sh - g.ph + i * g.dh;
              if (oy < 0 || oy >= g.OH) continue;
              for (let j = 0; j < g.kw; j++) {
                const ox = z * g.sw - g.pw + j * g.dw;
                if (ox < 0 || ox >= g.OW) continue;
                f(xi, ((c * g.opg + o) * g.kh + i) * g.kw + j, ((b * g.cOut + oc) * g.OH + oy) * g.OW + ox);
              }
            }
          }
      }
    }
}

function convTransposeNd(x: Tensor, w: Tensor, bias: Tensor | null, o: ConvTransposeOptions, s: 1 | 2): Tensor {
  const name = `conv_transpose${s}d`;
  if (x.ndim !== s + 1 && x.ndim !== s + 2)
    throw new PyError('RuntimeError', `Expected ${s + 1}D (unbatched) or ${s + 2}D (batched) input to ${name}, but got input of size: ${shapeList(x.shape)}`);
  if (x.ndim === s + 1) return squeeze(convTransposeNd(unsqueeze(x, 0), w, bias, o, s), 0);
  ensureTransposedFormula();
  const g = geometry(x, w, o, s);
  const xv = floatValues(x);
  const wv = floatValues(w);
  const acc = new Float64Array(g.n * g.cOut * g.OH * g.OW);
  eachTap(g, (xi, wi, oi) => {
    acc[oi] += xv[xi] * wv[wi];
  });
  if (bias !== null) {
    const bv = floatValues(bias);
    const plane = g.OH * g.OW;
    for (let i = 0; i < acc.length; i++) acc[i] += bv[Math.floor(i / plane) % g.cOut];
  }
  const outShape = s === 2 ? [g.n, g.cOut, g.OH, g.OW] : [g.n, g.cOut, g.OW];
  const out = Tensor.empty(outShape, x.dtype, x.device);
  (out.storage.data as FloatArr).set(acc);
  roundHalf(out);
  const node = recordOp('ConvolutionBackward0', [x, w, bias], [out]);
  if (node) {
    node.save(x, w);
    node.ctx = { transposed: true, opts: o, dims: s };
  }
  return out;
}

export const convTranspose1d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}): Tensor => convTransposeNd(x, w, b, o, 1);
export const convTranspose2d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}): Tensor => convTransposeNd(x, w, b, o, 2);

const transposedBackward: Formula = (node, grads, fx) => {
  const x = savedTensor(node, 0);
  const w = savedTensor(node, 1);
  const g = geometry(x, w, ctxField<ConvTransposeOptions>(node, 'opts'), ctxField<1 | 2>(node, 'dims'));
  const gv = grads[0]!.dataSync();
  const xv = floatValues(x);
  const wv = floatValues(w);
  const gx = new Float64Array(xv.length);
  const gw = new Float64Array(wv.length);
  eachTap(g, (xi, wi, oi) => {
    const go = Number(gv[oi]);
    gx[xi] += go * wv[wi];
    gw[wi] += go * xv[xi];
  });
  const asT = (d: Float64Array, like: Tensor): Tensor => {
    const t = Tensor.empty(like.shape, like.dtype, like.device);
    (t.storage.data as FloatArr).set(d);
    return t;
  };
  let gb: Tensor | null = null;
  if (fx.needs[2]) {
    const sums = new Float64Array(g.cOut);
    const plane = g.OH * g.OW;
    for (let i = 0; i < gv.length; i++) sums[Math.floor(i / plane) % g.cOut] += Number(gv[i]);
    gb = asT(sums, Tensor.empty([g.cOut], x.dtype, x.device));
  }
  return [fx.needs[0] ? asT(gx, x) : null, fx.needs[1] ? asT(gw, w) : null, gb];
};

const wrapped = new WeakSet<Formula>();
/** Route transposed ConvolutionBackward0 nodes here, everything else to the original formula. */
function ensureTransposedFormula(): void {
  const orig = formulaFor('ConvolutionBackward0');
  if (orig !== undefined && wrapped.has(orig)) return;
  const f: Formula = (node, grads, fx) => (node.ctx.transposed === true ? transposedBackward(node, grads, fx) : orig!(node, grads, fx));
  wrapped.add(f);
  registerFormula('ConvolutionBackward0', orig === undefined ? transposedBackward : f);
}
