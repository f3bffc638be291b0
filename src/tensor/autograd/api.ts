// The user-facing entry points of reverse mode, with PyTorch's argument checks and texts:
// `backward(tensors, grad_tensors, retain_graph, create_graph, inputs)` (Tensor.backward and
// torch.autograd.backward) and `grad(outputs, inputs, grad_outputs, retain_graph, create_graph,
// allow_unused)` (torch.autograd.grad). Both seed the engine (engine.ts) with root edges.

import { PyError } from '../../errors';
import { gradEdge, isGradEnabled, type Edge } from '../grad';
import type { Tensor } from '../tensor';
import { runBackward } from './engine';
import { onesLike, zerosLike } from './ops';
import { withGradMode } from '../grad';

export interface BackwardOptions {
  retainGraph?: boolean | null;
  createGraph?: boolean;
  inputs?: readonly Tensor[] | null;
}

const sizeText = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/** PyTorch's _make_grads: check given gradients' shapes, create implicit ones for scalars. */
function makeGrads(outputs: readonly Tensor[], grads: readonly (Tensor | null)[]): Tensor[] {
  return outputs.map((out, i) => {
    const g = grads[i] ?? null;
    if (g !== null) {
      if (g.shape.length !== out.shape.length || g.shape.some((d, k) => d !== out.shape[k]))
        throw new PyError(
          'RuntimeError',
          `Mismatch in shape: grad_output[${i}] has a shape of ${sizeText(g.shape)} and output[${i}] has a shape of ${sizeText(out.shape)}.`,
        );
      return g;
    }
    if (!out.requiresGrad) return null as unknown as Tensor; // reported by rootEdges
    if (out.numel() !== 1) throw new PyError('RuntimeError', 'grad can be implicitly created only for scalar outputs');
    return withGradMode(false, () => onesLike(out));
  });
}

function rootEdges(outputs: readonly Tensor[]): Edge[] {
  return outputs.map((t, i) => {
    const e = t.requiresGrad ? gradEdge(t) : null;
    if (e === null) throw new PyError('RuntimeError', `element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });
}

/** torch.autograd.backward / Tensor.backward. */
export async function backward(tensors: readonly Tensor[], gradTensors: readonly (Tensor | null)[] = [], opts: BackwardOptions = {}): Promise<void> {
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  const inputs = opts.inputs ?? null;
  if (inputs !== null && inputs.length === 0) throw new PyError('RuntimeError', "'inputs' argument to backward() cannot be empty.");
  const grads = makeGrads(tensors, gradTensors);
  const roots = rootEdges(tensors);
  if (inputs !== null)
    for (const t of inputs)
      if (!t.requiresGrad) throw new PyError('RuntimeError', 'One of the differentiated Tensors does not require grad');
  await runBackward(roots, grads, { retainGraph, createGraph, accumulateInto: inputs ?? undefined });
}

export interface GradOptions {
  retainGraph?: boolean | null;
  createGraph?: boolean;
  allowUnused?: boolean | null;
  materializeGrads?: boolean;
}

/** torch.autograd.grad: gradients of `outputs` w.r.t. `inputs`, nothing accumulated. */
export async function grad(
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null)[] = [],
  opts: GradOptions = {},
): Promise<(Tensor | null)[]> {
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  const materialize = opts.materializeGrads ?? false;
  const allowUnused = opts.allowUnused ?? materialize;
  if (materialize && opts.allowUnused === false)
    throw new PyError('ValueError', 'Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.');
  const grads = makeGrads(outputs, gradOutputs);
  const roots = rootEdges(outputs);
  const capture = inputs.map((t) => {
    if (!t.requiresGrad) throw new PyError('RuntimeError', 'One of the differentiated Tensors does not require grad');
    return gradEdge(t)!;
  });
  const res = await runBackward(roots, grads, { retainGraph, createGraph, capture });
  return res.map((g, i) => {
    if (g !== null) return g;
    if (!allowUnused)
      throw new PyError('RuntimeError', 'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
    return materialize ? withGradMode(false, () => zerosLike(inputs[i])) : null;
  });
}

export { isGradEnabled };
