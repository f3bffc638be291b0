// nn/'s public surface for TypeScript callers (the bindings, run/, the UI's report builder, tests).
// Importing it installs Module's Python methods on ModuleType.

import './module_methods';
import './layers/engine_kernels';

export { Module, ModuleType, isModule, moduleGetattr, moduleSetattr, moduleDelattr, torchTypename } from './module';
export { namedModules, namedMembers, namedChildren, allStateNames } from './names';
export { stateDict, loadStateDict, IncompatibleKeysType } from './state_dict';
export { callModule, registerForwardHook, registerForwardPreHook, RemovableHandle } from './call';
export { moduleRepr } from './repr';
export { getSubmodule, defineMethod } from './module_methods';
export { NativeGenerator, GeneratorType, pyGenerator } from './pyiter';
export { installPyProtocols, protocols } from './pyproto';
export * from './bridge';
export { construct, defineClass } from './construct';
export { functionalCall, statelessFunctionalCall, reparametrizedCall, withReparametrized, normalizeState, STATELESS_WARNING, type FunctionalCallOptions } from './functional_call';
export { TraceRecorder, type FunctionalCallTrace, type SwapRecord, type ValueRef, type InPlaceRecord, type WriteBackRecord } from './trace';
export { Accessor, MISSING_SENTINEL } from './accessor';
export * from './layers';
export * from './parametrize';
export * from './parametrizations';
