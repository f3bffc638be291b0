// Public API of the tensor engine. Other layers import from here only.

export * from './dtype';
export { Storage, VersionCounter, type DeviceType } from './storage';
export { Tensor, toElement, type Element, type NestedList } from './tensor';
export * from './shape';
export * from './promotion';
export * from './scalar';
export * from './grad';
export { backendFor, registerBackend, type Backend, type Layout } from './backend';
export { ELEMENTWISE, OPS, opDef, REDUCTIONS, type ElementwiseDef, type DtypeRule } from './ops/table';
export { elementwise, elementwiseDtypes, scalarTensor, operand, type TensorOrScalar, type ElementwiseOptions } from './ops/elementwise';
export * from './ops/views';
export * from './ops/copy';
export * from './ops/creation';
export * from './ops/arith';
export * from './ops/unary';
export * from './ops/compare';
export * from './ops/reduce';
export * from './ops/join';
export * from './ops/gather';
export * from './ops/indexing';
export * from './ops/sort';
export * from './ops/reorder';
export * from './warnings';
export { previewStats, summary, type PreviewStats } from './summary';
