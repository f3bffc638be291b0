// The formula registry: backward formulas keyed by the grad_fn name the forward recorded
// (`'AddBackward0' → (node, grads) => input grads`). The engine looks a node up here by name; the
// families in formulas/*.ts register themselves when formulas/index.ts is imported.
//
// A formula receives one gradient per output of the node (null where an output got none — only
// multi-output nodes see nulls) and returns one gradient per `next` edge (null: no gradient, e.g.
// the edge does not require grad). Formulas compute with engine ops: under no_grad for a plain
// backward, with grad mode on for create_graph, so the same code yields double backward.

import type { GradNode } from '../grad';
import type { Tensor } from '../tensor';

export interface FormulaContext {
  /** create_graph: the formula's ops are being recorded. */
  readonly createGraph: boolean;
  /** needs[i]: edge i requires a gradient (skip work for the others). */
  readonly needs: readonly boolean[];
}

export type Formula = (node: GradNode, grads: readonly (Tensor | null)[], fx: FormulaContext) => (Tensor | null)[];

const formulas = new Map<string, Formula>();

export function registerFormula(name: string | readonly string[], f: Formula): void {
  for (const n of typeof name === 'string' ? [name] : name) formulas.set(n, f);
}

export const formulaFor = (name: string): Formula | undefined => formulas.get(name);

/** Every registered node name (tests check each against the engine's list). */
export const formulaNames = (): string[] => [...formulas.keys()].sort();
