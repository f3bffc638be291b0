// torch.func.jacrev / jacfwd / hessian / jvp. All run on reverse mode: the Jacobian is built one
// output element at a time (a vjp with a one-hot cotangent), jacfwd returns the same Jacobian,
// and jvp contracts it with the tangents. Costs one backward per output element — fine for the
// playground's sizes; the results match PyTorch's forward-mode ones.

import { PyError } from '../../../errors';
import { PyTuple, type PyValue } from '../../../python/object';
import { gradEdge, type GradNode, setGradEnabled } from '../../grad';
import { grad as autogradGrad } from '../api';
import { Tensor } from '../../tensor';
import { stack } from '../../ops/join';
import { contiguous, permute, reshape } from '../../ops/views';
import { zeros } from '../../ops/creation';
import { callWithGrad, checkArgnums, gradsOf, prepare, releaseTree, type Argnums, type Fn } from './grad';
import { classText, flatten, unflatten } from './pytree';
import { release } from './levels';

function oneHot(like: Tensor, k: number): Tensor {
  const t = zeros(like.shape, { dtype: like.dtype });
  (t.storage.data as Float64Array)[k] = 1;
  return t;
}

/** f called on this transform's leaves, its output split from aux and checked to be tensors. */
async function jacobianCall(f: Fn, args: readonly PyValue[], argnums: Argnums, hasAux: boolean, api: string) {
  const p = prepare(args, checkArgnums(argnums, args.length));
  let out = await callWithGrad(f, p.args);
  let aux: PyValue = null;
  if (hasAux) {
    if (!(out instanceof PyTuple) || out.items.length !== 2)
      throw new PyError('RuntimeError', `${api}(f, ...)(*args): output of function f should be a tuple: (output, aux) if has_aux is True`);
    [out, aux] = out.items as [PyValue, PyValue];
  }
  const { leaves, spec: outSpec } = flatten(out);
  leaves.forEach((o) => {
    if (!(o instanceof Tensor)) throw new PyError('RuntimeError', `${api}(f, ...)(*args): Expected f(*args) to return only tensors, got unsupported type ${classText(o)}`);
  });
  return { p, outs: leaves as Tensor[], outSpec, aux, flatIn: p.leaves.flat() };
}

/**
 * The Jacobian pytree — pytree(outputs) of pytree(argnums) of tensors shaped [*out, *in] — from
 * `block(k, j)`: output k's derivatives by input leaf j as a [numel(out), numel(in)] matrix.
 */
function packJacobian(c: Awaited<ReturnType<typeof jacobianCall>>, argnums: Argnums, hasAux: boolean, block: (k: number, j: number) => Tensor): PyValue {
  const { p, outs, outSpec, aux, flatIn } = c;
  const perOut = outs.map((o, k) => {
    const jacs = flatIn.map((x, j) => release(reshape(block(k, j), [...o.shape, ...x.shape]), p.own));
    let at = 0;
    const per = p.specs.map((spec, i) => {
      const n = p.leaves[i].length;
      const v = unflatten(jacs.slice(at, at + n), spec);
      at += n;
      return v;
    });
    return typeof argnums === 'number' ? per[0] : new PyTuple(per);
  });
  const jac = unflatten(perOut, outSpec);
  return hasAux ? new PyTuple([jac, releaseTree(aux, p.own)]) : jac;
}

/** The Jacobian of f at args w.r.t. argnums, row by row: one backward per output element. */
export async function jacrev(f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false, api = 'jacrev'): Promise<PyValue> {
  const c = await jacobianCall(f, args, argnums, hasAux, api);
  const prev = setGradEnabled(true);
  try {
    // rows[k][r][j]: d outs[k].flat[r] / d input j
    const rows: Tensor[][][] = [];
    for (const o of c.outs) {
      const per: Tensor[][] = [];
      for (let r = 0; r < o.numel(); r++) per.push(await gradsOf([o], [oneHot(o, r)], c.flatIn, c.p.own));
      rows.push(per);
    }
    return packJacobian(c, argnums, hasAux, (k, j) => {
      const x = c.flatIn[j];
      const col = rows[k].map((r) => reshape(r[j], [x.numel()]));
      return col.length > 0 ? stack(col, 0) : zeros([0, x.numel()], { dtype: x.dtype });
    });
  } finally {
    setGradEnabled(prev);
  }
}

/**
 * The Jacobian column by column, as PyTorch's jacfwd (vmap of forward-mode jvp over a basis):
 * g(u) = Jᵀu is recorded once with a dummy cotangent u per output, then each basis vector e_i of
 * each input gives the column J·e_i = ∂(g·e_i)/∂u — the forward order of the computation, so the
 * values, and the signs of structural zeros, are forward mode's.
 */
export async function jacfwd(f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false): Promise<PyValue> {
  const c = await jacobianCall(f, args, argnums, hasAux, 'jacfwd');
  const { outs, flatIn, p } = c;
  const prev = setGradEnabled(true);
  try {
    const us = outs.map((o) => (o.requiresGrad ? dummyCotangent(o, p.own) : null));
    const live = outs.map((_, k) => k).filter((k) => us[k] !== null);
    const jTu = live.length === 0 ? flatIn.map(() => null) : await autogradGrad(live.map((k) => outs[k]), flatIn, live.map((k) => us[k]!), { createGraph: true, retainGraph: true, allowUnused: true });
    // cols[j][i][k]: J_k · e_i for input j, element i, output k
    const cols: Tensor[][][] = [];
    for (let j = 0; j < flatIn.length; j++) {
      const x = flatIn[j];
      const g = jTu[j];
      const perElem: Tensor[][] = [];
      for (let i = 0; i < x.numel(); i++) {
        const got = g === null || !g.requiresGrad ? [] : await gradsOf([g], [oneHot(x, i)], live.map((k) => us[k]!), p.own);
        perElem.push(outs.map((o, k) => (live.indexOf(k) < 0 || got.length === 0 ? zeros(o.shape, { dtype: o.dtype }) : got[live.indexOf(k)])));
      }
      cols.push(perElem);
    }
    return packJacobian(c, argnums, hasAux, (k, j) => {
      const o = outs[k];
      const col = cols[j].map((e) => reshape(e[k], [o.numel()]));
      return col.length > 0 ? stack(col, 1) : zeros([o.numel(), 0], { dtype: o.dtype });
    });
  } finally {
    setGradEnabled(prev);
  }
}

/**
 * torch.func.hessian(f, argnums=0): PyTorch's jacfwd(jacrev(f, argnums), argnums). We nest reverse
 * mode twice instead (our forward order over a backward graph loses signs of zeros that forward
 * mode keeps), so block (i, j) of the nested result is built from rows e_iᵀ·H (one backward per
 * element of input i), where PyTorch's forward mode builds columns H·e_j. The second derivative is
 * symmetric, and the mirrored computation is the same one: PyTorch's entry (i, j) is our entry
 * (j, i) — down to the sign of a structural zero (0·cos(x_i) is -0 where cos(x_i) < 0, and
 * forward mode multiplies by values at x_i, reverse mode by values at x_j). So the blocks are
 * swapped and each block's two input groups of dims are transposed.
 */
export async function hessian(f: Fn, args: readonly PyValue[], argnums: Argnums = 0): Promise<PyValue> {
  const nested = await jacrev((inner) => jacrev(f, inner, argnums), args, argnums, false, 'jacfwd');
  const xs = checkArgnums(argnums, args.length).flatMap((a) => flatten(args[a]).leaves as Tensor[]);
  const n = xs.length;
  const { leaves, spec } = flatten(nested); // ordered (output leaf, input i, input j)
  const range = (k: number, from = 0): number[] => Array.from({ length: k }, (_, d) => from + d);
  const swapped = leaves.map((_, k) => {
    const [o, i, j] = [Math.floor(k / (n * n)), Math.floor(k / n) % n, k % n];
    const src = leaves[o * n * n + j * n + i] as Tensor; // dims (out..., x_j..., x_i...)
    const [ri, rj] = [xs[i].ndim, xs[j].ndim];
    const ro = src.ndim - ri - rj;
    return contiguous(permute(src, [...range(ro), ...range(ri, ro + rj), ...range(rj, ro)]));
  });
  return unflatten(swapped, spec);
}

/** torch.func.jvp(f, primals, tangents) → (output, jvp_out). */
export async function jvp(f: Fn, primals: PyValue, tangents: PyValue, hasAux = false): Promise<PyValue> {
  if (!(primals instanceof PyTuple))
    throw new PyError('RuntimeError', 'jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it should be valid to call f(*primals).');
  if (!(tangents instanceof PyTuple))
    throw new PyError('RuntimeError', 'jvp(f, primals, tangents): Expected tangents to be a tuple. E.g. it should be valid to call f(*primals).');
  const args = [...primals.items];
  const tflat = flatten(tangents).leaves;
  const pflat = flatten(primals).leaves;
  if (tflat.length !== pflat.length)
    throw new PyError('RuntimeError', 'jvp(f, primals, tangents): Expected primals and tangents to have the same python structure.');
  pflat.forEach((x, i) => {
    const t = tflat[i];
    if (x instanceof Tensor && t instanceof Tensor && (t.ndim !== x.ndim || t.shape.some((d, k) => d !== x.shape[k])))
      throw new PyError(
        'RuntimeError',
        `Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size [${x.shape.join(', ')}] while the given forward gradient is of size [${t.shape.join(', ')}].`,
      );
  });
  const nums = args.map((_, i) => i);
  const p = prepare(args, nums);
  let out = await callWithGrad(f, p.args);
  let aux: PyValue = null;
  if (hasAux) [out, aux] = (out as PyTuple).items as [PyValue, PyValue];
  const { leaves: outs, spec } = flatten(out);
  const flatIn = p.leaves.flat();
  const prev = setGradEnabled(true);
  try {
    // J·t as the transpose of a transpose: with a dummy cotangent u per output, g(u) = Jᵀu keeps
    // its graph; differentiating g·t with respect to u gives J·t. The second pass replays the
    // first one's steps in forward order (t·cos x for sin, W·t for a matmul), so values — even
    // the sign of a zero — come out as PyTorch's forward-mode AD computes them, in two backward
    // passes instead of one per output element.
    const tensorsOut = outs as Tensor[];
    const us = tensorsOut.map((o) => (o.requiresGrad ? dummyCotangent(o, p.own) : null));
    const live = tensorsOut.map((_, k) => k).filter((k) => us[k] !== null);
    const jTu = live.length === 0 ? [] : await autogradGrad(live.map((k) => tensorsOut[k]), flatIn, live.map((k) => us[k]!), { createGraph: true, retainGraph: true, allowUnused: true });
    const pairs = jTu.map((g, j) => [g, tflat[j]] as const).filter(([g]) => g !== null && g.requiresGrad) as [Tensor, Tensor][];
    const jt = pairs.length === 0 ? live.map((k) => zeros(tensorsOut[k].shape, { dtype: tensorsOut[k].dtype })) : await gradsOf(pairs.map(([g]) => g), pairs.map(([, t]) => t), live.map((k) => us[k]!), p.own);
    const tang = tensorsOut.map((o, k) => {
      const i = live.indexOf(k);
      return i < 0 ? zeros(o.shape, { dtype: o.dtype }) : release(jt[i], p.own);
    });
    const res = new PyTuple([releaseTree(out, p.own), unflatten(tang, spec)]);
    return hasAux ? new PyTuple([...res.items, releaseTree(aux, p.own)]) : res;
  } finally {
    setGradEnabled(prev);
  }
}

/** A zero cotangent for `o` that this call differentiates with respect to (one of its own leaves). */
function dummyCotangent(o: Tensor, own: Set<GradNode>): Tensor {
  const u = zeros(o.shape, { dtype: o.dtype });
  u.requiresGrad = true;
  own.add(gradEdge(u)!.node);
  return u;
}
