// The CPU backend: the op table's compiled loops over typed-array storage. Registered on import
// (ops import this module once, through ops/elementwise.ts).

import { registerBackend, type Backend } from '../backend';
import { runElementwise } from './elementwise';

export const cpuBackend: Backend = {
  name: 'cpu',
  elementwise: runElementwise,
};

registerBackend('cpu', cpuBackend);
