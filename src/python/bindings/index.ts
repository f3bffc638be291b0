// installTorchBindings: makes `import torch` (and torch.nn, torch.nn.functional, torch.func, torch.utils.data, ...)
// work in the interpreter. Registers the torch modules with the import registry (one fresh set per
// run), installs the nn bindings (torch.nn, torch.func, ...), the tensor encoder of the
// conformance dump, and the beforeRun hook that gives every run PyTorch's starting state: default
// print options, float32 default dtype, grad mode on, CPU default device, manual_seed(0).

import { importModule, registerModule, rt } from '../interp';
import type { PyModule } from '../object';
import { beforeRun } from '../../run/run';
import { installNnBindings } from './nn';
import { installAutogradBindings } from './autograd';
import { installDataBindings } from './data';
import { installTensorDump } from './torch/dump';
import { makeTorchModules, resetTorchState, type TorchModules } from './torch/module';
import { resetEngineWarnings, setEngineWarningHandler } from '../../tensor/warnings';
import { warn } from '../builtins/warnings';

let installed = false;

export function installTorchBindings(): void {
  if (installed) return;
  installed = true;
  const perRun = new WeakMap<object, TorchModules>();
  const mods = (): TorchModules => {
    const run = rt();
    let m = perRun.get(run);
    if (!m) perRun.set(run, (m = makeTorchModules()));
    return m;
  };
  registerModule('torch', () => {
    // `import torch` alone makes torch.nn, torch.func, ... reachable as attributes, as in PyTorch:
    // put torch in the run's cache first so the submodule imports find their parent.
    const torch = mods().torch;
    rt().modules.set('torch', torch);
    for (const sub of ['torch.nn', 'torch.nn.functional', 'torch.func', 'torch.cuda', 'torch.linalg', 'torch.autograd', 'torch.utils']) {
      try {
        importModule(sub);
      } catch {
        // a submodule another part has not registered yet stays unavailable
      }
    }
    return torch;
  });
  for (const name of makeTorchModules().submodules.keys()) {
    registerModule(name, (): PyModule => mods().submodules.get(name)!);
  }
  installNnBindings(registerModule);
  installTensorDump();
  beforeRun.push(resetTorchState);
  installEngineWarnings();
  installAutogradBindings();
  installDataBindings(registerModule);
}

/** Route the engine's warnings (TORCH_WARN from ops, samplers, nn ops) to Python's `warnings`,
 * attributed to the script line that called the op. The engine calls the handler synchronously;
 * the warning is recorded before the interpreter's next step. A `warnings.simplefilter('error')`
 * cannot turn these into exceptions yet (the op has returned by then): the error is dropped. */
function installEngineWarnings(): void {
  setEngineWarningHandler((category, message) => {
    warn(category, message).catch(() => {});
  });
  beforeRun.push(resetEngineWarnings);
}

export { resetTorchState, makeTorchModules } from './torch/module';
export { TensorType, ParameterType } from './torch/tensor/type';
