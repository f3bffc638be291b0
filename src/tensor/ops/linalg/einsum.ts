// torch.einsum, basic: any number of operands, implicit or explicit output, repeated subscripts
// (diagonals), '...' broadcasting, size-1 broadcasting — evaluated as one loop over every
// subscript's range (double accumulation, one rounding), which is plenty for the small tensors
// of a playground. ATen's grad_fn depends on the path it takes (oracle): a single operand shows
// PermuteBackward0 or SumBackward1; several show ViewBackward0 when something is contracted
// (ATen's bmm path ends in a view) and MulBackward0 for a pure outer/elementwise product.

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { roundHalf } from './layout';

const ELL = -1; // marker for '...' while parsing

function parseTerm(term: string, eqOffset: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < term.length; i++) {
    const ch = term[i];
    if (ch === ' ') continue;
    if (ch === '.') {
      if (term.slice(i, i + 3) !== '...')
        throw new PyError('RuntimeError', `einsum(): found '.' for operand ${0} that is not part of any ellipsis`);
      out.push(ELL);
      i += 2;
      continue;
    }
    if (!/[a-zA-Z]/.test(ch))
      throw new PyError('RuntimeError', `einsum(): invalid subscript given at index ${eqOffset + i} in the equation string, subscripts must be in [a-zA-Z]`);
    out.push(ch.charCodeAt(0));
  }
  return out;
}

/** torch.einsum(equation, *operands). */
export function einsum(equation: string, operands: readonly Tensor[]): Tensor {
  const arrow = equation.indexOf('->');
  const lhs = arrow < 0 ? equation : equation.slice(0, arrow);
  const terms = lhs.split(',');
  if (terms.length > operands.length) throw new PyError('RuntimeError', 'einsum(): fewer operands were provided than specified in the equation');
  if (terms.length < operands.length) throw new PyError('RuntimeError', 'einsum(): more operands were provided than specified in the equation');
  let pos = 0;
  const parsed = terms.map((t) => {
    const p = parseTerm(t, pos);
    pos += t.length + 1;
    return p;
  });
  // Expand '...' into per-operand labels: ellipsis dim e (counted from the right) gets label -2-e.
  let ellDims = 0;
  const labels: number[][] = parsed.map((p, k) => {
    const op = operands[k];
    const explicit = p.filter((l) => l !== ELL).length;
    const hasEll = p.includes(ELL);
    if ((!hasEll && explicit !== op.ndim) || (hasEll && explicit > op.ndim))
      throw new PyError(
        'RuntimeError',
        `einsum(): the number of subscripts in the equation (${explicit}) ${hasEll ? 'is more than' : 'does not match'} the number of dimensions (${op.ndim}) for operand ${k}${hasEll ? '' : ' and no ellipsis was given'}`,
      );
    const n = op.ndim - explicit;
    ellDims = Math.max(ellDims, hasEll ? n : 0);
    return p.flatMap((l) => (l === ELL ? Array.from({ length: n }, (_, i) => -2 - (n - 1 - i)) : [l]));
  });
  const ellLabels = Array.from({ length: ellDims }, (_, i) => -2 - (ellDims - 1 - i));
  // Sizes per label, with size-1 broadcasting.
  const size = new Map<number, number>();
  labels.forEach((ls, k) =>
    ls.forEach((l, d) => {
      const s = operands[k].shape[d];
      const prev = size.get(l);
      if (prev === undefined || prev === 1) size.set(l, s);
      else if (s !== prev && s !== 1)
        throw new PyError(
          'RuntimeError',
          `einsum(): subscript ${String.fromCharCode(l)} has size ${s} for operand ${k} which does not broadcast with previously seen size ${prev}`,
        );
    }),
  );
  let outLabels: number[];
  if (arrow >= 0) {
    const rhs = parseTerm(equation.slice(arrow + 2), arrow + 2);
    outLabels = rhs.flatMap((l) => (l === ELL ? ellLabels : [l]));
    const seen = new Set<number>();
    for (const l of outLabels) {
      if (l >= 0 && seen.has(l)) throw new PyError('RuntimeError', `einsum(): output subscript ${String.fromCharCode(l)} appears more than once in the output`);
      seen.add(l);
      if (!size.has(l)) throw new PyError('RuntimeError', `einsum(): output subscript ${String.fromCharCode(l)} does not appear in the equation for any input operand`);
    }
  } else {
    const count = new Map<number, number>();
    labels.flat().forEach((l) => count.set(l, (count.get(l) ?? 0) + 1));
    outLabels = [...ellLabels, ...[...count.keys()].filter((l) => l >= 0 && count.get(l) === 1).sort((a, b) => a - b)];
  }
  const outSet = new Set(outLabels);
  const sumLabels = [...size.keys()].filter((l) => !outSet.has(l));
  const loop = [...outLabels, ...sumLabels];
  const dims = loop.map((l) => size.get(l) ?? 1);
  // Stride of each operand along each loop label (repeated labels add: a diagonal).
  const strides = operands.map((op, k) => {
    const st = new Array<number>(loop.length).fill(0);
    labels[k].forEach((l, d) => {
      if (op.shape[d] !== 1) st[loop.indexOf(l)] += op.strides[d];
    });
    return st;
  });
  const dtype = operands[0].dtype;
  for (const op of operands)
    if (op.dtype !== dtype) throw new PyError('RuntimeError', `expected scalar type ${dtype} but found ${op.dtype}`);
  const outShape = outLabels.map((l) => size.get(l) ?? 1);
  const out = Tensor.empty(outShape, dtype, operands[0].device);
  const o = out.storage.data;
  const datas = operands.map((op) => op.storage.data);
  const outCount = outShape.reduce((a, b) => a * b, 1);
  const sumCount = sumLabels.reduce((a, l) => a * (size.get(l) ?? 1), 1);
  const idx = new Array<number>(loop.length).fill(0);
  const nOut = outLabels.length;
  for (let q = 0; q < outCount; q++) {
    let acc = 0;
    for (let r = 0; r < sumCount; r++) {
      let prod = 1;
      for (let k = 0; k < operands.length; k++) {
        let off = operands[k].offset;
        for (let d = 0; d < loop.length; d++) off += idx[d] * strides[k][d];
        prod *= Number(datas[k][off]);
      }
      acc += prod;
      for (let d = loop.length - 1; d >= nOut; d--) {
        if (++idx[d] < dims[d]) break;
        idx[d] = 0;
      }
    }
    if (o instanceof BigInt64Array) o[q] = BigInt(Math.round(acc));
    else o[q] = acc;
    for (let d = nOut - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) break;
      idx[d] = 0;
    }
  }
  roundHalf(out);
  if (isFloating(dtype)) {
    const grad =
      operands.length === 1 ? (sumLabels.length > 0 ? 'SumBackward1' : 'PermuteBackward0') : sumLabels.length > 0 ? 'ViewBackward0' : 'MulBackward0';
    const node = recordOp(grad, operands, [out]);
    if (node) {
      node.save(...operands);
      // the loop the backward replays (autograd/formulas/einsum.ts): each operand's labels, the
      // loop labels (outputs first) and their sizes
      node.ctx = { equation, einsum: { labels, loop, dims, nOut } };
    }
  }
  return out;
}
