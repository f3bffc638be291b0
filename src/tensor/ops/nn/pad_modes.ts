// F.pad's 'reflect' and 'replicate' modes (and nn.ReflectionPad*/ReplicationPad*): every output
// element is a copy of one input element — mirrored about the edge (without repeating it) or the
// edge itself — so the result is a gather by flat index and the backward scatter-adds the
// gradient back through the same indices (the TakeBackward0 rule). Node names and error texts are
// PyTorch's (ReflectionPad2DBackward0, "Argument #4: Padding size should be less than ...").

import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { contiguous } from '../views';
import { registerFormula } from '../../autograd/registry';
import { putAddFlat } from '../../autograd/formulas/flat';

export type PadMode = 'reflect' | 'replicate';

/** `pads` as F.pad takes them: (last_left, last_right, second_last_left, ...). */
export function padWithMode(x: Tensor, pads: readonly number[], mode: PadMode): Tensor {
  const k = pads.length / 2;
  const nd = x.ndim;
  if (k < 1 || k > 3 || (nd !== k + 1 && nd !== k + 2))
    throw new PyError('NotImplementedError', `Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now`);
  const shape = x.shape.slice();
  const lo = new Array<number>(nd).fill(0);
  for (let p = 0; p < k; p++) {
    const d = nd - 1 - p;
    const [a, b] = [pads[2 * p], pads[2 * p + 1]];
    if (mode === 'reflect' && (a >= x.shape[d] || b >= x.shape[d]))
      throw new PyError('RuntimeError', `Argument #${4 + 2 * (k - 1 - p)}: Padding size should be less than the corresponding input dimension, but got: padding (${a}, ${b}) at dimension ${d} of input [${x.shape.join(', ')}]`);
    lo[d] = a;
    shape[d] = x.shape[d] + a + b;
    if (shape[d] <= 0) throw new PyError('RuntimeError', `input (H: ${x.shape[d]}) is too small. Calculated output H: ${shape[d]}`);
  }
  const src = (i: number, n: number): number => {
    if (mode === 'replicate') return Math.min(Math.max(i, 0), n - 1);
    return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  };
  const total = shape.reduce((a, b) => a * b, 1);
  const inStrides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const idx = new Int32Array(total);
  const pos = new Array<number>(nd).fill(0);
  for (let o = 0; o < total; o++) {
    let f = 0;
    for (let d = 0; d < nd; d++) f += src(pos[d] - lo[d], x.shape[d]) * inStrides[d];
    idx[o] = f;
    for (let d = nd - 1; d >= 0; d--) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
  const values = contiguous(x).dataSync();
  const out = Tensor.empty(shape, x.dtype, x.device);
  const dst = out.storage.data as typeof values;
  for (let o = 0; o < total; o++) (dst as unknown as number[])[o] = (values as unknown as number[])[idx[o]];
  const node = recordOp(`${mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${k}DBackward0`, [x], [out]);
  if (node) node.ctx = { flatIndex: idx, inShape: x.shape.slice() };
  return out;
}

const names = [1, 2, 3].flatMap((k) => [`ReflectionPad${k}DBackward0`, `ReplicationPad${k}DBackward0`]);
registerFormula(names, (node, grads) => [putAddFlat(contiguous(grads[0]!), node.ctx.flatIndex as Int32Array, node.ctx.inShape as number[])]);
