// torch.nn.utils.parametrizations (orthogonal, weight_norm, spectral_norm) and the legacy
// hook-based torch.nn.utils.weight_norm, as Python functions over nn/parametrizations.ts.

import { typeError } from '../../../errors';
import { Module } from '../../../nn/module';
import { legacySpectralNorm, legacyWeightNorm, orthogonal, spectralNorm, weightNormParametrization } from '../../../nn/parametrizations';
import { PyBuiltinFunction, PyFloat, type KwArgs, type PyValue } from '../../object';
import { binder } from '../args';

function mod(v: PyValue, fn: string): Module {
  if (v instanceof Module) return v;
  throw typeError(`${fn}() argument 'module' must be an nn.Module`);
}
const num = (v: PyValue): number => (v instanceof PyFloat ? v.v : (v as number));

function table(defs: [string, (v: PyValue[]) => PyValue | Promise<PyValue>][]): [string, PyValue][] {
  return defs.map(([sig, fn]) => {
    const bind = binder(sig);
    const name = sig.slice(0, sig.indexOf('('));
    return [name, new PyBuiltinFunction(name, (a: PyValue[], k: KwArgs) => fn(bind(a, k).values), name)];
  });
}

export function parametrizationsFunctions(): Map<string, PyValue> {
  return new Map(
    table([
      ["orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True)", (v) =>
        orthogonal(mod(v[0], 'orthogonal'), v[1] as string, v[2] as string | null, v[3] !== false)],
      ["weight_norm(module, name='weight', dim=0)", (v) => weightNormParametrization(mod(v[0], 'weight_norm'), v[1] as string, v[2] as number | null)],
      ["spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None)", (v) =>
        spectralNorm(mod(v[0], 'spectral_norm'), v[1] as string, v[2] as number, num(v[3]), v[4] as number | null)],
    ]),
  );
}

export function legacyNormFunctions(): [string, PyValue][] {
  return table([
    ["weight_norm(module, name='weight', dim=0)", (v) => legacyWeightNorm(mod(v[0], 'weight_norm'), v[1] as string, v[2] as number | null)],
    ["spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None)", (v) =>
      legacySpectralNorm(mod(v[0], 'spectral_norm'), v[1] as string, v[2] as number, num(v[3]), v[4] as number | null)],
  ]);
}
