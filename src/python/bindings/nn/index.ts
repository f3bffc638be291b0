// installNnBindings: the Python face of nn/ — the modules `torch.nn`, `torch.nn.init`,
// `torch.nn.parameter`, `torch.nn.utils`, `torch.nn.utils.stateless`, `torch.nn.utils.parametrize`,
// `torch.nn.utils.parametrizations`, `torch.nn.utils.rnn` (and `torch.func` unless the torch bindings provide it: they can
// put `funcFunctionalCall` in their own torch.func). Module objects are made once per run (the
// registry calls the factory once per run) and shared between a package and its attribute
// (`nn.utils is torch.nn.utils`). It also connects nn/'s str/repr/warn protocols to the
// interpreter's, so messages embed the real `str()` of values and warnings carry the caller's line.

import '../../../nn/index';
import { LAYERS } from '../../../nn/layers';
import { ModuleType } from '../../../nn/module';
import { installPyProtocols } from '../../../nn/pyproto';
import { repr, str } from '../../builtins/repr';
import { toPyException } from '../../builtins/exceptions';
import { warn } from '../../builtins/warnings';
import { deepCopy } from '../../builtins/copy';
import { rt } from '../../interp/runtime';
import { isRegistered } from '../../interp/modules';
import { PyDict, PyModule, type PyValue } from '../../object';
import { registerDumpEncoder } from '../../../run/dump';
import { Module } from '../../../nn/module';
import { stateDict } from '../../../nn/state_dict';
import { funcFunctionalCall, statelessFunctionalCallFn } from './func';
import { initFunctions } from './init';
import { legacyNormFunctions, parametrizationsFunctions } from './parametrizations';
import { BufferType, ParameterType } from './parameter';
import { parametrizeFunctions } from './parametrize';
import { installNnCopiers } from './copy';
import { collectionsModule } from './collections';
import { nnUtilsFunctions } from './utils';
import { rnnUtilsModule } from './rnn_utils';

export { bindTensorType, ParameterType, BufferType, pythonTypeOfTensor } from './parameter';
export { funcFunctionalCall, statelessFunctionalCallFn, setFunctionalCallObserver, type CallObserver } from './func';

export type RegisterModule = (name: string, mod: PyValue | (() => PyValue)) => void;

interface Bundle {
  modules: Map<string, PyModule>;
}

function makeBundle(withTorchFunc: boolean): Bundle {
  const modules = new Map<string, PyModule>();
  const mk = (name: string, entries: Iterable<[string, PyValue]>): PyModule => {
    const m = new PyModule(name, new Map(entries));
    modules.set(name, m);
    return m;
  };
  const init = mk('torch.nn.init', initFunctions());
  const parameter = mk('torch.nn.parameter', [['Parameter', ParameterType], ['Buffer', BufferType]]);
  const stateless = mk('torch.nn.utils.stateless', [['functional_call', statelessFunctionalCallFn]]);
  const parametrize = mk('torch.nn.utils.parametrize', parametrizeFunctions());
  const parametrizations = mk('torch.nn.utils.parametrizations', parametrizationsFunctions());
  const rnn = rnnUtilsModule();
  modules.set(rnn.name, rnn);
  const utils = mk('torch.nn.utils', [
    ['stateless', stateless],
    ['parametrize', parametrize],
    ['parametrizations', parametrizations],
    ['rnn', rnn],
    ...legacyNormFunctions(),
    ...nnUtilsFunctions(),
  ]);
  mk('torch.nn', [
    ['Module', ModuleType],
    ['Parameter', ParameterType],
    ['Buffer', BufferType],
    ...LAYERS,
    ['init', init],
    ['parameter', parameter],
    ['utils', utils],
  ]);
  if (withTorchFunc) mk('torch.func', [['functional_call', funcFunctionalCall]]);
  return { modules };
}

/**
 * Register nn's Python modules with the interpreter's import registry. Pass
 * `{ torchFunc: false }` when the torch bindings build `torch.func` themselves (then they add
 * `funcFunctionalCall` to it).
 */
export function installNnBindings(registerModule: RegisterModule, opts: { torchFunc?: boolean } = {}): void {
  installPyProtocols({
    repr,
    str,
    warn: (category, message) => warn(category, message),
    chainContext: (err, context) => {
      const e = toPyException(err);
      const c = toPyException(context);
      if (e && c && e !== c && e.context === null) e.context = c;
    },
    deepcopy: (v) => deepCopy(v),
  });
  installNnCopiers();
  const withTorchFunc = opts.torchFunc ?? true;
  const bundles = new WeakMap<object, Bundle>();
  const bundle = (): Bundle => {
    const run = rt();
    let b = bundles.get(run);
    if (b === undefined) bundles.set(run, (b = makeBundle(withTorchFunc)));
    return b;
  };
  // The conformance dump encodes a module as its state_dict(keep_vars=True) (oracle/README.md).
  registerDumpEncoder(async (v, enc) => {
    if (!(v instanceof Module)) return undefined;
    const state: Record<string, unknown> = {};
    const sd: PyDict = await stateDict(v, '', true);
    for (const [k, t] of sd.entries()) {
      const e = await enc(t);
      if (typeof e !== 'symbol') state[k as string] = e;
    }
    return { kind: 'module', state };
  });
  // `collections` (OrderedDict is what state_dict() returns): ours unless someone else has one.
  if (!isRegistered('collections')) registerModule('collections', collectionsModule);
  const names = [...makeBundle(withTorchFunc).modules.keys()];
  for (const name of names) {
    // torch.func belongs to whoever provides the full transform set (grad, vmap, ...); ours, with
    // functional_call only, is a fallback when nothing else has registered it.
    if (name === 'torch.func' && isRegistered('torch.func')) continue;
    registerModule(name, () => bundle().modules.get(name)!);
  }
}
