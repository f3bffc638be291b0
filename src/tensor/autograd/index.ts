// Public API of reverse-mode autograd (see engine.ts for how backward runs, meta.ts for what the
// forward must record, registry.ts for the formulas).
export { backward, grad, type BackwardOptions, type GradOptions } from './api';
export { registerHook, retainGrad, type GradHook, type HookHandle } from './hooks';
export { formulaFor, formulaNames, registerFormula, type Formula, type FormulaContext } from './registry';
export { FREED_MESSAGE, metaOf, type TensorMeta } from './meta';
