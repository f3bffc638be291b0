// torch.special: the SciPy-style names PyTorch gives its special functions. Most are aliases of
// torch functions already in the Impl table (expit = sigmoid, gammaln = lgamma, psi = digamma...),
// so each entry here is that op's Impl parsed with the op's own PyTorch signature renamed to
// `special_<name>` — PyTorch's special_* builtins carry that name in their argument errors
// ("special_expit(): argument 'input' (position 1) must be Tensor, not list") while recording the
// aliased op's grad_fn (SigmoidBackward0). module.ts installs the module as torch.special.
// Not bound yet (no engine kernel): entr, ndtr, ndtri, log_ndtr, xlog1py, i0/i0e/i1/i1e, erfcx,
// polygamma, multigammaln, zeta, gammainc(c) and the Bessel / orthogonal polynomial families.

import { type KwArgs, PyBuiltinFunction, type PyValue } from '../../object';
import { ArgParser } from './argparse/parse';
import { TORCH_FUNCTION_SIGNATURES } from './argparse/signatures.data';
import { IMPLS } from './ops/impls';
import { withOut } from './ops/bind';
import type { Tensor } from './tensor/engine';

/** torch.special name → the torch op it aliases (PyTorch's native_functions.yaml aliases). */
const ALIASES: Record<string, string> = {
  expit: 'sigmoid',
  logit: 'logit',
  erf: 'erf',
  erfc: 'erfc',
  erfinv: 'erfinv',
  gammaln: 'lgamma',
  digamma: 'digamma',
  psi: 'digamma',
  log_softmax: 'log_softmax',
  softmax: 'softmax',
  logsumexp: 'logsumexp',
  xlogy: 'xlogy',
  sinc: 'sinc',
  log1p: 'log1p',
  expm1: 'expm1',
  exp2: 'exp2',
  round: 'round',
};

/** `torch.special.<name>`: the aliased op's Impl under its special_<name> signatures. */
function specialFunction(name: string, op: string): PyBuiltinFunction | null {
  const impl = IMPLS[op];
  const sigs = TORCH_FUNCTION_SIGNATURES[op];
  if (!impl || !sigs) return null;
  // PyTorch's special_softmax / special_log_softmax have one signature: no Dimname overload, no out=
  // and special_round only the decimals one (so even round(x) records RoundBackward1)
  const own = name.endsWith('softmax') ? ['(Tensor input, int64_t dim, ScalarType? dtype=None)']
    : name === 'round' ? ['(Tensor input, *, int64_t decimals=0, Tensor out=None)']
    : sigs.map((s) => s.slice(s.indexOf('(')));
  const parser = new ArgParser(own.map((s) => `special_${name}${s}`));
  return new PyBuiltinFunction(`special_${name}`, async (args: PyValue[], kwargs: KwArgs) => {
    const a = parser.parse(args, kwargs);
    const self = (a.hasParam('input') ? a.raw('input') : a.hasParam('self') ? a.raw('self') : null) ?? null;
    return withOut(a, await impl(self as Tensor, a));
  }, `torch.special.${name}`);
}

/** The attributes of the `torch.special` module. */
export function specialEntries(): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  for (const [name, op] of Object.entries(ALIASES)) {
    const f = specialFunction(name, op);
    if (f) m.set(name, f);
  }
  return m;
}
