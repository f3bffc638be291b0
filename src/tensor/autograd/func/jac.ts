// torch.func.jacrev / jacfwd / jvp. All three run on reverse mode: the Jacobian is built one
// output element at a time (a vjp with a one-hot cotangent), jacfwd returns the same Jacobian,
// and jvp contracts it with the tangents. Costs one backward per output element — fine for the
// playground's sizes; the results match PyTorch's forward-mode ones.

import { PyError } from '../../../errors';
import { PyTuple, type PyValue } from '../../../python/object';
import { setGradEnabled } from '../../grad';
import { Tensor } from '../../tensor';
import { stack } from '../../ops/join';
import { reshape } from '../../ops/views';
import { zeros } from '../../ops/creation';
import * as O from '../ops';
import { callWithGrad, checkArgnums, gradsOf, prepare, releaseTree, type Argnums, type Fn } from './grad';
import { classText, flatten, unflatten } from './pytree';
import { release } from './levels';

function oneHot(like: Tensor, k: number): Tensor {
  const t = zeros(like.shape, { dtype: like.dtype });
  (t.storage.data as Float64Array)[k] = 1;
  return t;
}

/** The Jacobian of f at args w.r.t. argnums: pytree(outputs) of pytree(argnums) of tensors. */
export async function jacrev(f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false, api = 'jacrev'): Promise<PyValue> {
  const nums = checkArgnums(argnums, args.length);
  const p = prepare(args, nums);
  let out = await callWithGrad(f, p.args);
  let aux: PyValue = null;
  if (hasAux) {
    if (!(out instanceof PyTuple) || out.items.length !== 2)
      throw new PyError('RuntimeError', `${api}(f, ...)(*args): output of function f should be a tuple: (output, aux) if has_aux is True`);
    [out, aux] = out.items as [PyValue, PyValue];
  }
  const { leaves: outs, spec: outSpec } = flatten(out);
  outs.forEach((o) => {
    if (!(o instanceof Tensor)) throw new PyError('RuntimeError', `${api}(f, ...)(*args): Expected f(*args) to return only tensors, got unsupported type ${classText(o)}`);
  });
  const flatIn = p.leaves.flat();
  const prev = setGradEnabled(true);
  const perOut: PyValue[] = [];
  try {
    for (const o of outs as Tensor[]) {
      // rows[k][j]: d out.flat[k] / d input j
      const rows: Tensor[][] = [];
      for (let k = 0; k < o.numel(); k++) rows.push(await gradsOf([o], [oneHot(o, k)], flatIn, p.own));
      const jacs = flatIn.map((x, j) => {
        const col = rows.map((r) => r[j]);
        const st = col.length > 0 ? stack(col, 0) : zeros([0, ...x.shape], { dtype: x.dtype });
        return release(reshape(st, [...o.shape, ...x.shape]), p.own);
      });
      let k = 0;
      const per = p.specs.map((spec, i) => {
        const n = p.leaves[i].length;
        const v = unflatten(jacs.slice(k, k + n), spec);
        k += n;
        return v;
      });
      perOut.push(typeof argnums === 'number' ? per[0] : new PyTuple(per));
    }
  } finally {
    setGradEnabled(prev);
  }
  const jac = unflatten(perOut, outSpec);
  return hasAux ? new PyTuple([jac, releaseTree(aux, p.own)]) : jac;
}

export const jacfwd = (f: Fn, args: readonly PyValue[], argnums: Argnums = 0, hasAux = false): Promise<PyValue> => jacrev(f, args, argnums, hasAux, 'jacfwd');

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
    const tang = await Promise.all(
      (outs as Tensor[]).map(async (o) => {
        const vals: Tensor[] = [];
        for (let k = 0; k < o.numel(); k++) {
          const gs = await gradsOf([o], [oneHot(o, k)], flatIn, p.own);
          let acc: Tensor | null = null;
          gs.forEach((g, j) => {
            const term = O.sum(O.mul(g, tflat[j] as Tensor));
            acc = acc === null ? term : O.add(acc, term);
          });
          vals.push(acc ?? zeros([], { dtype: o.dtype }));
        }
        return release(reshape(vals.length ? stack(vals, 0) : zeros([0], { dtype: o.dtype }), o.shape), p.own);
      }),
    );
    const res = new PyTuple([releaseTree(out, p.own), unflatten(tang, spec)]);
    return hasAux ? new PyTuple([...res.items, releaseTree(aux, p.own)]) : res;
  } finally {
    setGradEnabled(prev);
  }
}
