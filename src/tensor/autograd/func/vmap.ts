// torch.func.vmap by splitting: each mapped argument is sliced along its in_dim (a select view,
// so autograd flows through), the function runs once per sample, and each output is stacked along
// its out_dim. Observable results, errors and nesting (vmap(grad(f)), vmap(vmap(f))) follow
// PyTorch; the per-sample loop is the implementation. Error texts name the function and in_dims as
// PyTorch prints them, so the caller passes those texts in.

import { PyError } from '../../../errors';
import { PyTuple, type PyValue } from '../../../python/object';
import { Tensor } from '../../tensor';
import { select } from '../../ops/views';
import { stack } from '../../ops/join';
import { wrapDim } from '../../shape';
import { classText, countLeaves, flatten, isPrefix, specText, unflatten, type Spec } from './pytree';
import type { Fn } from './grad';

export type Randomness = 'error' | 'different' | 'same';

export interface VmapOptions {
  /** in_dims as a pytree (numbers and nulls in tuples/lists/dicts) or a single int. */
  inDims?: PyValue;
  outDims?: PyValue;
  randomness?: string;
  /** `<lambda>` / the function's __name__. */
  fnName?: string;
  /** str(in_dims), as PyTorch formats it into messages. */
  inDimsText?: string;
}

/** Current randomness mode of the innermost vmap (null outside vmap). Random ops consult it. */
const stack_: Randomness[] = [];
export const vmapRandomness = (): Randomness | null => stack_[stack_.length - 1] ?? null;

export const RANDOM_ERROR =
  "vmap: called random operation while in randomness error mode. Please either use the 'same' or 'different' randomness flags on vmap or perform the randomness operation out of vmap";
export const ITEM_ERROR =
  "vmap: It looks like you're calling .item() on a Tensor. We don't support vmap over calling .item() on a Tensor, please try to rewrite what you're doing with other operations. If error is occurring somewhere inside PyTorch internals, please file a bug report.";

/** Call from random ops: raises PyTorch's error inside vmap(randomness='error'). */
export function checkVmapRandom(): void {
  if (vmapRandomness() === 'error') throw new PyError('RuntimeError', RANDOM_ERROR);
}
/** Call from Tensor.item(): raises inside vmap. */
export function checkVmapItem(): void {
  if (vmapRandomness() !== null) throw new PyError('RuntimeError', ITEM_ERROR);
}

export interface RngHooks {
  /** Snapshot / restore the default generator (randomness='same' replays it per sample). */
  save(): unknown;
  restore(state: unknown): void;
}
let rng: RngHooks | null = null;
export const setVmapRngHooks = (h: RngHooks): void => {
  rng = h;
};

const isInt = (v: PyValue): v is number => typeof v === 'number';

/**
 * PyTorch runs the function once on batched tensors, so a vmap output's grad_fn is the node of the
 * batching rule of the function's last op: usually the per-sample op's own, but some rules reach
 * another overload or decompose (checked with the oracle: conformance/147_vmap_grad_fn).
 */
const BATCHED_NODE: Readonly<Record<string, string>> = {
  SumBackward0: 'SumBackward1',
  MeanBackward0: 'MeanBackward1',
  SqueezeBackward4: 'SqueezeBackward5',
  DotBackward0: 'SqueezeBackward1',
  MseLossBackward0: 'MeanBackward1',
  TBackward0: 'TransposeBackward0',
};

/** Our output is stacked from per-sample results: it shows the node PyTorch's batched op records
 * (the gradient still flows through the stack, which computes the same values). */
function showBatchedNode(out: Tensor, sample: Tensor): Tensor {
  const own = sample.gradFn;
  if (out.gradFn !== null && own !== null) out.gradFn.shownAs = BATCHED_NODE[own.pyName] ?? own.pyName;
  return out;
}

export async function vmap(f: Fn, args: readonly PyValue[], opts: VmapOptions = {}): Promise<PyValue> {
  const inDims = opts.inDims === undefined ? 0 : opts.inDims;
  const outDims = opts.outDims === undefined ? 0 : opts.outDims;
  const randomness = opts.randomness ?? 'error';
  const name = opts.fnName ?? '<function>';
  const dimsText = opts.inDimsText ?? String(inDims);
  if (randomness !== 'error' && randomness !== 'different' && randomness !== 'same')
    throw new PyError('RuntimeError', `Only allowed values for randomness are 'error', 'different', or 'same'. Got ${randomness}`);
  const head = `vmap(${name}, in_dims=${dimsText}, ...)(<inputs>)`;
  if (args.length === 0)
    throw new PyError('ValueError', `vmap(${name})(<inputs>): got no inputs. Maybe you forgot to add inputs, or you are trying to vmap over a function with no inputs. The latter is unsupported.`);
  if (!isInt(inDims) && !(inDims instanceof PyTuple))
    throw new PyError('ValueError', `${head}: expected \`in_dims\` to be int or a (potentially nested) tuple matching the structure of inputs, got: ${classText(inDims)}.`);
  // broadcast in_dims (a prefix tree of the args tuple) onto every argument leaf
  const argsTree = new PyTuple(args.slice());
  const { leaves, spec } = flatten(argsTree);
  const dimsPerLeaf: (number | null)[] = [];
  if (isInt(inDims)) for (let i = 0; i < leaves.length; i++) dimsPerLeaf.push(inDims);
  else {
    const dimSpec = flatten(inDims);
    if (!isPrefix(dimSpec.spec, spec))
      throw new PyError(
        'ValueError',
        `${head}: in_dims is not compatible with the structure of \`inputs\`. in_dims has structure ${specText(dimSpec.spec)} but inputs has structure ${specText(spec)}.`,
      );
    expandPrefix(dimSpec.leaves, dimSpec.spec, spec, dimsPerLeaf);
  }
  let size: number | null = null;
  const sizes: number[] = [];
  leaves.forEach((l, i) => {
    const d = dimsPerLeaf[i];
    if (d === null) return;
    if (!isInt(d))
      throw new PyError('ValueError', `${head}: in_dims must be int or None, got ${classText(d)}`);
    if (!(l instanceof Tensor))
      throw new PyError(
        'ValueError',
        `${head}: Got in_dim=${d} for an input but the input is of type ${classText(l)}. We cannot vmap over non-Tensor arguments, please use None as the respective in_dim`,
      );
    if (d < -l.ndim || d >= l.ndim)
      throw new PyError(
        'ValueError',
        `${head}: Got in_dim=${d} for some input, but that input is a Tensor of dimensionality ${l.ndim} so expected in_dim to satisfy -${l.ndim} <= in_dim < ${l.ndim}.`,
      );
    const s = l.shape[d < 0 ? d + l.ndim : d];
    sizes.push(s);
    size ??= s;
  });
  if (size === null)
    throw new PyError('ValueError', `${head}: at least one input must be a Tensor to vmap over (got in_dims all None)`);
  if (sizes.some((s) => s !== size))
    throw new PyError('ValueError', `vmap: Expected all tensors to have the same size in the mapped dimension, got sizes [${sizes.join(', ')}] for the mapped dimension`);

  const results: PyValue[][] = [];
  let outSpec: Spec | null = null;
  const state = randomness === 'same' && rng !== null ? rng.save() : null;
  stack_.push(randomness);
  try {
    for (let b = 0; b < size; b++) {
      if (state !== null) rng!.restore(state);
      const sample = leaves.map((l, i) => {
        const d = dimsPerLeaf[i];
        return d === null ? l : select(l as Tensor, d, b);
      });
      const out = await f([...(unflatten(sample, spec) as PyTuple).items]);
      const fl = flatten(out);
      outSpec ??= fl.spec;
      results.push(fl.leaves);
    }
  } finally {
    stack_.pop();
  }
  const spec0 = outSpec!;
  const nOut = countLeaves(spec0);
  const outDimsPer: (number | null)[] = [];
  if (isInt(outDims) || outDims === null) for (let i = 0; i < nOut; i++) outDimsPer.push(outDims as number | null);
  else expandPrefix(flatten(outDims).leaves, flatten(outDims).spec, spec0, outDimsPer);
  const stacked = Array.from({ length: nOut }, (_, k) => {
    const od = outDimsPer[k];
    const col = results.map((r) => r[k]);
    if (od === null) return col[0];
    col.forEach((v) => {
      if (!(v instanceof Tensor))
        throw new PyError('ValueError', `vmap(${name}, ...): \`${name}\` must only return Tensors, got type ${classText(v)}. Did you mean to set out_dims= to None for output?`);
    });
    const ts = col as Tensor[];
    const d = wrapDim(od, ts[0].ndim + 1);
    return showBatchedNode(stack(ts, d), ts[0]);
  });
  return unflatten(stacked, spec0);
}

/** Give every leaf of `full` the value of the `prefix` leaf that covers it. */
function expandPrefix(values: readonly PyValue[], prefix: Spec, full: Spec, out: (number | null)[]): void {
  let vi = 0;
  const walk = (p: Spec, f: Spec): void => {
    if (p.kind === 'leaf') {
      const v = values[vi++];
      for (let i = 0; i < countLeaves(f); i++) out.push(v as number | null);
      return;
    }
    p.children.forEach((c, i) => walk(c, (f as { children: Spec[] }).children[i]));
  };
  walk(prefix, full);
}

