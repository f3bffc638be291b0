// torch.nn.utils helpers that training scripts call between backward() and the optimizer step:
// clip_grad_norm_ / clip_grad_value_ (in place on each `.grad`, so their versions move),
// parameters_to_vector / vector_to_parameters, and remove_weight_norm / remove_spectral_norm for
// the legacy hook-based norms (nn/parametrizations.ts keeps which pre-hook is which). Semantics
// and texts of torch/nn/utils/{clip_grad,convert_parameters,weight_norm,spectral_norm}.py (2.6),
// pinned by conformance/84_nn_utils.py.

import { runtimeError, typeError, valueError } from '../../../errors';
import { iterValues } from '../../../nn/layers/container';
import { Module, torchTypename } from '../../../nn/module';
import { legacyHooks } from '../../../nn/parametrizations';
import { pyStr } from '../../../nn/pyproto';
import { withNoGrad } from '../../../tensor/grad';
import { full } from '../../../tensor/ops/creation';
import { pyf } from '../../../tensor/scalar';
import { pyFloatRepr } from '../../numfmt/floatText';
import { cat, stack } from '../../../tensor/ops/join';
import { vectorNorm } from '../../../tensor/ops/linalg/norms';
import { add, mul_, rdiv } from '../../../tensor/ops/arith';
import { clamp, clamp_ } from '../../../tensor/ops/unary';
import { narrow, reshape, view } from '../../../tensor/ops/views';
import { Tensor } from '../../../tensor/tensor';
import { PyBuiltinFunction, PyFloat, type KwArgs, type PyValue, setattr } from '../../object';
import { binder } from '../args';

const num = (v: PyValue): number => {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'string') return Number(v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);
  return Number(v);
};

/** `parameters`: one tensor, or an iterable of tensors (a generator is consumed once). */
async function tensors(v: PyValue): Promise<Tensor[]> {
  if (v instanceof Tensor) return [v];
  return (await iterValues(v)) as Tensor[];
}

async function clipGradNorm(params: PyValue, maxNorm: PyValue, normType: PyValue, errorIfNonfinite: PyValue): Promise<Tensor> {
  const grads = (await tensors(params)).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  const ord = num(normType);
  const max = num(maxNorm);
  if (grads.length === 0) return full([], pyf(0));
  return withNoGrad(() => {
    const total = vectorNorm(stack(grads.map((g) => vectorNorm(g, { ord }))), { ord });
    const t = Number(total.item());
    if (errorIfNonfinite === true && !Number.isFinite(t)) {
      throw runtimeError(
        `The total norm of order ${pyFloatRepr(ord)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
          'To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`',
      );
    }
    // `max_norm / (total_norm + 1e-6)` is Tensor.__rtruediv__: reciprocal() * max_norm.
    const coef = clamp(rdiv(add(total, 1e-6), max), null, 1);
    for (const g of grads) mul_(g, coef);
    return total;
  });
}

async function clipGradValue(params: PyValue, clipValue: PyValue): Promise<null> {
  const c = num(clipValue);
  for (const p of await tensors(params)) if (p.grad) withNoGrad(() => clamp_(p.grad!, -c, c));
  return null;
}

async function parametersToVector(params: PyValue): Promise<Tensor> {
  return cat((await tensors(params)).map((p) => view(p, [-1])));
}

async function vectorToParameters(vec: PyValue, params: PyValue): Promise<null> {
  if (!(vec instanceof Tensor)) throw typeError(`expected torch.Tensor, but got: ${await torchTypename(vec)}`);
  let at = 0;
  for (const p of await tensors(params)) {
    const n = p.numel();
    // `param.data = vec[at:at+n].view_as(param).data`
    const piece = withNoGrad(() => reshape(narrow(vec, 0, at, n), p.shape));
    await setattr(p, 'data', new Tensor(piece.storage, piece.shape, piece.strides, piece.offset));
    at += n;
  }
  return null;
}

async function removeLegacy(kind: 'weight_norm' | 'spectral_norm', m: PyValue, name: string): Promise<PyValue> {
  const mod = m as Module;
  for (const [id, h] of mod.forwardPreHooks) {
    const info = legacyHooks.get(h.hook as object);
    if (info && info.kind === kind && info.name === name) {
      await info.remove(mod);
      mod.forwardPreHooks.delete(id);
      return mod;
    }
  }
  throw valueError(`${kind} of '${name}' not found in ${await pyStr(mod)}`);
}

function fn(sig: string, f: (v: PyValue[]) => PyValue | Promise<PyValue>): [string, PyValue] {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  return [name, new PyBuiltinFunction(name, (a: PyValue[], k: KwArgs) => f(bind(a, k).values), `torch.nn.utils.${name}`)];
}

/** The helpers' entries in the `torch.nn.utils` module. */
export function nnUtilsFunctions(): [string, PyValue][] {
  return [
    fn('clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None)', (v) => clipGradNorm(v[0], v[1], v[2], v[3])),
    fn('clip_grad_value_(parameters, clip_value, foreach=None)', (v) => clipGradValue(v[0], v[1])),
    fn('parameters_to_vector(parameters)', (v) => parametersToVector(v[0])),
    fn('vector_to_parameters(vec, parameters)', (v) => vectorToParameters(v[0], v[1])),
    fn("remove_weight_norm(module, name='weight')", (v) => removeLegacy('weight_norm', v[0], String(v[1]))),
    fn("remove_spectral_norm(module, name='weight')", (v) => removeLegacy('spectral_norm', v[0], String(v[1]))),
  ];
}
