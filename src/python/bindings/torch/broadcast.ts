// torch.broadcast_tensors / torch.broadcast_shapes: the common shape of several operands by the
// broadcasting rule, as expanded views (ExpandBackward0; an operand already of that shape comes
// back as itself, like ATen's expand_outplace) or as a torch.Size. Error texts from the oracle.

import { PyError } from '../../../errors';
import { broadcastAll } from '../../../tensor/shape';
import { Tensor } from '../../../tensor/tensor';
import { expand } from '../../../tensor/ops/views';
import { type PyValue, PyBuiltinFunction, PyList, PyTuple } from '../../object';
import { makeSize } from './types/size';

function broadcastTensors(args: PyValue[]): PyValue {
  const ts = (args.length === 1 && (args[0] instanceof PyTuple || args[0] instanceof PyList) ? (args[0] as PyTuple).items : args) as Tensor[];
  ts.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new PyError('TypeError', `expected Tensor as element ${i} in argument 0, but got ${typeof t}`);
  });
  const shape = broadcastAll(ts.map((t) => t.shape));
  return new PyTuple(ts.map((t) => (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : expand(t, shape))));
}

function broadcastShapes(args: PyValue[]): PyValue {
  const shapes = args.map((s) => (typeof s === 'number' ? [s] : ((s as PyTuple).items as number[])));
  // right-aligned: grow to the longest, then merge each dimension
  const n = Math.max(0, ...shapes.map((s) => s.length));
  const res = new Array<number>(n).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const k = n - s.length + i;
      if (s[i] === 1 || s[i] === res[k]) continue;
      if (res[k] !== 1) throw new PyError('RuntimeError', 'Shape mismatch: objects cannot be broadcast to a single shape');
      res[k] = s[i];
    }
  }
  return makeSize(res);
}

export const broadcastEntries = (): [string, PyValue][] => [
  ['broadcast_tensors', new PyBuiltinFunction('broadcast_tensors', (a) => broadcastTensors(a), 'torch.broadcast_tensors')],
  ['broadcast_shapes', new PyBuiltinFunction('broadcast_shapes', (a) => broadcastShapes(a), 'torch.broadcast_shapes')],
];
