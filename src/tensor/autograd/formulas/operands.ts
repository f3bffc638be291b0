// How an elementwise node's operands (a, b, c) map onto what the forward recorded: its `next`
// edges (tensor operands only, in order; an in-place op lists its target first) and its saved
// tensors (the op table's `saves` order, skipping operands that were Python scalars). Scalar
// operand values and parameters come from ctx (see ../meta.ts).

import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import { missing, savedTensor } from '../meta';

export type Pos = 0 | 1 | 2;
export type SaveSpec = readonly ('a' | 'b' | 'c' | 'result')[];

export interface Operands {
  /** The `next` index of operand pos, or null when that operand was a Python scalar. */
  edge(pos: Pos): number | null;
  /** The Python scalar value of operand pos. */
  scalar(pos: Pos): number;
  /** The saved tensor of operand pos (or 'result'), per the op's save list. */
  saved(what: 'a' | 'b' | 'c' | 'result'): Tensor;
  /** Scalar parameter k (alpha, exponent, slope, ...). */
  param(k: number, fallback?: number): number;
  isTensor(pos: Pos): boolean;
}

export function operands(node: GradNode, arity: 1 | 2 | 3, saves: SaveSpec = []): Operands {
  const ctxScalars = node.ctx.scalars as (number | null)[] | undefined;
  let isTensor: boolean[];
  if (ctxScalars !== undefined) isTensor = [0, 1, 2].slice(0, arity).map((p) => ctxScalars[p] === null || ctxScalars[p] === undefined);
  else if (node.next.length === arity) isTensor = new Array(arity).fill(true);
  else if (node.next.length === 1) isTensor = [true, false, false].slice(0, arity);
  else isTensor = [0, 1, 2].slice(0, arity).map((p) => p < node.next.length);
  const inplacePos = node.ctx.inplace === true ? ((node.ctx.inplacePos as number | undefined) ?? 0) : null;
  const order: number[] = [];
  for (let p = 0; p < arity; p++) if (isTensor[p]) order.push(p);
  if (inplacePos !== null && inplacePos !== 0) {
    order.splice(order.indexOf(inplacePos), 1);
    order.unshift(inplacePos);
  }
  return {
    edge: (pos) => (isTensor[pos] ? order.indexOf(pos) : null),
    isTensor: (pos) => isTensor[pos] ?? false,
    scalar(pos) {
      const v = ctxScalars?.[pos];
      if (v === undefined || v === null) return missing(node, `the scalar operand ${'abc'[pos]} (ctx.scalars)`);
      return v;
    },
    saved(what) {
      let i = 0;
      for (const s of saves) {
        if (s === what) return savedTensor(node, i);
        if (s === 'result' || isTensor['abc'.indexOf(s)]) i++;
      }
      return missing(node, `saved ${what}`);
    },
    param(k, fallback) {
      const v = (node.ctx.params as number[] | undefined)?.[k];
      if (v !== undefined) return v;
      if (fallback !== undefined) return fallback;
      return missing(node, `scalar parameter p${k} (ctx.params)`);
    },
  };
}

/** Place per-operand gradients at their edge indices. */
export function byEdge(node: GradNode, ops: Operands, grads: readonly [Pos, () => Tensor][], needs: readonly boolean[]): (Tensor | null)[] {
  const out: (Tensor | null)[] = node.next.map(() => null);
  for (const [pos, f] of grads) {
    const e = ops.edge(pos);
    if (e === null || e >= out.length || !needs[e]) continue;
    out[e] = f();
  }
  return out;
}
