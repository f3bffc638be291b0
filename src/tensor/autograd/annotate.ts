// Fill a node's ctx the way meta.ts asks the forward to (input/output layouts, scalar operands,
// parameters, dims), for ops whose forward does not (yet) record them itself. Used by ops.ts, so
// that the ops backward formulas run under create_graph leave complete records (double backward
// works whatever the forward records), and by tests. Fields already present are kept: an engine
// that records the contract itself makes this a no-op.

import type { Tensor } from '../tensor';
import { metaOf } from './meta';

export function annotate<T extends Tensor | Tensor[]>(out: T, inputs: readonly (Tensor | null)[], ctx: Record<string, unknown> = {}): T {
  const outs: Tensor[] = Array.isArray(out) ? out : [out as Tensor];
  const node = outs[0]?.gradFn ?? null;
  if (node === null) return out;
  const add: Record<string, unknown> = {
    inputMeta: inputs.map((t) => (t === null ? null : metaOf(t))),
    outputMeta: outs.map(metaOf),
    ...ctx,
  };
  for (const [k, v] of Object.entries(add)) if (node.ctx[k] === undefined) node.ctx[k] = v;
  return out;
}
