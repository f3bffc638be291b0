// Module.register_full_backward_hook / register_full_backward_pre_hook (torch/utils/hooks.py's
// BackwardHook). Around a forward with such hooks, the tensor arguments and the tensor outputs
// are passed through an identity node named BackwardHookFunctionBackward (so outputs print that
// grad_fn, as in PyTorch). Gradient hooks on the output side collect grad_output and run the pre-
// hooks (which may replace it); hooks on the input side collect grad_input and run the full hooks
// with (module, grad_input, grad_output) — a returned tuple replaces grad_input: the last input
// hook stores it on the node and the identity formula hands it on. If no input requires grad, the
// full hooks run from the output side with grad_input all None.
// Limitation: an input whose gradient is never computed (not used by the forward) keeps the full
// hooks from running (PyTorch passes None for it).

import { PyError, runtimeError } from '../errors';
import { PyTuple, type PyValue, call, typeOf } from '../python/object';
import { registerFormula } from '../tensor/autograd/registry';
import { registerHook } from '../tensor/autograd/hooks';
import { isGradEnabled, recordOp, type GradNode } from '../tensor/grad';
import { Tensor } from '../tensor/tensor';
import type { Module } from './module';

const NODE = 'BackwardHookFunctionBackward';

registerFormula(NODE, (node, grads) => {
  const r = node.ctx.replacement as (Tensor | null)[] | undefined;
  return r ?? [...grads];
});

/** New alias tensors of `ts` (same storage and version counter) produced by one identity node. */
function passThrough(ts: Tensor[]): { out: Tensor[]; node: GradNode | null } {
  const out = ts.map((t) => new Tensor(t.storage, t.shape, t.strides, t.offset, t.versionCounter));
  const node = recordOp(NODE, ts, out);
  return { out, node };
}

const tuple = (xs: (Tensor | null)[]): PyTuple => new PyTuple(xs);

async function checkedReplacement(r: PyValue, n: number, what: 'grad_input' | 'grad_output'): Promise<(Tensor | null)[] | null> {
  if (r === null) return null;
  const items = r instanceof PyTuple ? r.items : [r];
  if (items.length !== n) {
    throw runtimeError(`Backward hook returned an invalid number of ${what}, got ${items.length}, but expected ${n}`);
  }
  return items.map((x) => {
    if (x !== null && !(x instanceof Tensor)) throw new PyError('TypeError', `expected Tensor or None, got ${typeOf(x).name}`);
    return x as Tensor | null;
  });
}

/** The per-call state of one hooked forward. */
export class BackwardHookCall {
  private gradOutputs: (Tensor | null)[] = [];
  private nInputs = 0;
  private inputsHooked = false;

  constructor(private readonly m: Module) {}

  /** Wrap the tensor arguments (when any requires grad under grad mode). */
  setupInputs(args: PyValue[]): PyValue[] {
    const idx = args.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
    this.nInputs = idx.length;
    const ts = idx.map((i) => args[i] as Tensor);
    if (!isGradEnabled() || !ts.some((t) => t.requiresGrad)) return args;
    const { out, node } = passThrough(ts);
    if (node === null) return args;
    this.inputsHooked = true;
    const got: (Tensor | null)[] = new Array(out.length).fill(null);
    const last = out.reduce((k, t, i) => (t.requiresGrad ? i : k), -1);
    out.forEach((t, i) => {
      if (!t.requiresGrad) return;
      registerHook(t, async (g) => {
        got[i] = g;
        if (i !== last) return null;
        const replaced = await this.runFullHooks(got);
        if (replaced === null) return null;
        node.ctx.replacement = replaced;
        return replaced[i];
      });
    });
    const next = args.slice();
    idx.forEach((a, k) => (next[a] = out[k]));
    return next;
  }

  /** Wrap the tensor outputs (a tensor, or tensors at the top of a tuple). */
  setupOutputs(result: PyValue): PyValue {
    const items = result instanceof Tensor ? [result] : result instanceof PyTuple ? [...result.items] : [];
    const idx = items.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
    const ts = idx.map((i) => items[i] as Tensor);
    if (!isGradEnabled() || !ts.some((t) => t.requiresGrad)) return result;
    const { out, node } = passThrough(ts);
    if (node === null) return result;
    this.gradOutputs = new Array(out.length).fill(null);
    const last = out.reduce((k, t, i) => (t.requiresGrad ? i : k), -1);
    out.forEach((t, i) => {
      if (!t.requiresGrad) return;
      registerHook(t, async (g) => {
        this.gradOutputs[i] = g;
        if (i !== last) return null;
        let replaced: (Tensor | null)[] | null = null;
        for (const h of [...this.m.backwardPreHooks.values()]) {
          const r = await checkedReplacement(await call(h, [this.m, tuple(this.gradOutputs)]), this.gradOutputs.length, 'grad_output');
          if (r !== null) this.gradOutputs = replaced = r;
        }
        if (!this.inputsHooked) await this.runFullHooks(new Array<Tensor | null>(this.nInputs).fill(null));
        if (replaced === null) return null;
        node.ctx.replacement = replaced;
        return replaced[i];
      });
    });
    if (result instanceof Tensor) return out[0];
    const next = items.slice();
    idx.forEach((a, k) => (next[a] = out[k]));
    return new PyTuple(next, (result as PyTuple).cls);
  }

  private async runFullHooks(gradInputs: (Tensor | null)[]): Promise<(Tensor | null)[] | null> {
    let cur = gradInputs;
    let changed = false;
    for (const h of [...this.m.backwardHooks.values()]) {
      const r = await checkedReplacement(await call(h, [this.m, tuple(cur), tuple(this.gradOutputs)]), cur.length, 'grad_input');
      if (r !== null) {
        cur = r;
        changed = true;
      }
    }
    return changed ? cur : null;
  }
}
