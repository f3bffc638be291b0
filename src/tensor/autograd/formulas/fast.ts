// First-order fast paths for the hottest backward formulas (a Linear + ReLU stack spends nearly
// all its backward in ReluBackward0 and AddmmBackward0). They apply only when nothing is recorded
// (not create_graph) and the operands are plain contiguous CPU float tensors of the expected
// shapes; everything else takes the general formulas, which compute with engine ops. Each fast
// path computes exactly what the general one does, in one pass and one allocation.

import { Tensor } from '../../tensor';
import { cascadeSum } from '../../ops/sum_cpu';

type F = Float32Array | Float64Array;

/** A contiguous float tensor on the CPU whose values can be read directly. */
function plain(t: Tensor): F | null {
  if (t.device !== 'cpu' || (t.dtype !== 'float32' && t.dtype !== 'float64') || !t.isContiguous()) return null;
  return t.storage.data as F;
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** threshold_backward: g where result > 0, else 0 (0 also where g is nan, as PyTorch). */
export function reluBackwardFast(g: Tensor, r: Tensor): Tensor | null {
  const gd = plain(g);
  const rd = plain(r);
  if (gd === null || rd === null || g.dtype !== r.dtype || !sameShape(g.shape, r.shape)) return null;
  const out = Tensor.empty(g.shape, g.dtype);
  const od = out.storage.data as F;
  const n = od.length;
  const go = g.offset;
  const ro = r.offset;
  for (let i = 0; i < n; i++) od[i] = rd[ro + i] > 0 ? gd[go + i] : 0;
  return out;
}

/** addmm's input gradient reduced over the rows: g [m, n] summed to [n] (bias of a Linear), in
 * the order PyTorch's CPU sum adds (sum_to → sum over dim 0: ops/sum_cpu.ts). beta ≠ 1 scales g
 * before the sum in PyTorch; that rare case takes the general formula. */
export function columnSumFast(g: Tensor, shape: readonly number[], beta: number): Tensor | null {
  const gd = plain(g);
  if (gd === null || beta !== 1 || g.ndim !== 2 || shape.length !== 1 || shape[0] !== g.shape[1]) return null;
  const sums = cascadeSum({ data: gd, offset: g.offset, shape: g.shape, strides: g.strides }, [true, false], g.dtype as 'float32' | 'float64');
  const out = Tensor.empty([g.shape[1]], g.dtype);
  (out.storage.data as F).set(sums);
  return out;
}
