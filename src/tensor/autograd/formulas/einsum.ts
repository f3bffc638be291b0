// einsum's backward (tensor/ops/linalg/einsum.ts records one node — named after ATen's last step,
// ViewBackward0 / MulBackward0 / SumBackward1 / PermuteBackward0 — with an edge to every operand
// and ctx.einsum = the evaluation loop). Operand k's gradient replays the forward loop:
// grad_k[i_k] += g[i_out] · Π_{m≠k} op_m[i_m], where repeated labels (diagonals) and size-1
// broadcast dims fall out of the strides as in the forward. First order only (the result has no
// history under create_graph). Loaded after the families it wraps.

import type { GradNode } from '../../grad';
import { Tensor } from '../../tensor';
import { contiguousStrides } from '../../shape';
import { formulaFor, registerFormula, type Formula } from '../registry';
import { inputMeta, savedTensor } from '../meta';

interface EinsumCtx {
  labels: number[][];
  loop: number[];
  dims: number[];
  nOut: number;
}

function einsumBackward(node: GradNode, grads: readonly (Tensor | null)[], needs: readonly boolean[]): (Tensor | null)[] {
  const e = node.ctx.einsum as EinsumCtx;
  const g = grads[0]!;
  const ops = node.next.map((_, k) => savedTensor(node, k));
  const loopStrides = (labels: number[], shape: readonly number[], strides: readonly number[]): number[] => {
    const st = new Array<number>(e.loop.length).fill(0);
    labels.forEach((l, d) => {
      if (shape[d] !== 1) st[e.loop.indexOf(l)] += strides[d];
    });
    return st;
  };
  const opStrides = ops.map((op, k) => loopStrides(e.labels[k], op.shape, op.strides));
  const gc = g.dataSync() as ArrayLike<number>;
  const outLabels = e.loop.slice(0, e.nOut);
  const gStrides = loopStrides(outLabels, g.shape, contiguousStrides(g.shape));
  const datas = ops.map((op) => op.storage.data as ArrayLike<number>);
  const total = e.dims.reduce((a, b) => a * b, 1);
  return ops.map((op, k) => {
    if (!needs[k]) return null;
    const meta = inputMeta(node, k);
    const res = Tensor.empty(meta.shape, op.dtype, op.device);
    const rd = res.storage.data as Float32Array | Float64Array;
    const acc = new Float64Array(rd.length);
    const rStrides = loopStrides(e.labels[k], meta.shape, contiguousStrides(meta.shape));
    const idx = new Array<number>(e.loop.length).fill(0);
    for (let q = 0; q < total; q++) {
      let go = 0;
      let ro = 0;
      for (let d = 0; d < idx.length; d++) {
        go += idx[d] * gStrides[d];
        ro += idx[d] * rStrides[d];
      }
      let prod = gc[go];
      for (let m = 0; m < ops.length && prod !== 0; m++) {
        if (m === k) continue;
        let off = ops[m].offset;
        for (let d = 0; d < idx.length; d++) off += idx[d] * opStrides[m][d];
        prod *= Number(datas[m][off]);
      }
      acc[ro] += prod;
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d] < e.dims[d]) break;
        idx[d] = 0;
      }
    }
    rd.set(acc);
    return res;
  });
}

for (const name of ['ViewBackward0', 'MulBackward0', 'SumBackward1', 'PermuteBackward0']) {
  const base = formulaFor(name) as Formula;
  registerFormula(name, (node, grads, fx) => (node.ctx.einsum !== undefined ? einsumBackward(node, grads, fx.needs) : base(node, grads, fx)));
}
