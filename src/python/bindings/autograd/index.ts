// installAutogradBindings: the Python face of autograd — Tensor.backward/.grad/register_hook/
// retain_grad, torch.autograd.{grad, backward}, torch.func.{grad, grad_and_value, vjp, jacrev,
// jacfwd, jvp, vmap, functional_call}, torch.vmap and torch.optim.{SGD, Adam}.
//
// Call it once, after installTorchBindings (it replaces the `torch.autograd` and `torch.func`
// registrations made there with fuller ones, and patches torch.Tensor's type dict). `import
// torch` imports torch.autograd eagerly; that is where torch.vmap / torch.optim are attached to
// the run's torch module and torch's random functions learn vmap's randomness rule.

import { setVmapRngHooks, checkVmapRandom } from '../../../tensor/autograd/func';
import { importModule, registerModule, rt } from '../../interp';
import { PyBuiltinFunction, PyModule, call, type PyValue } from '../../object';
import { TensorType } from '../torch/tensor/type';
import { defaultGeneratorObject } from '../torch/types/generator';
import { autogradEntries } from './autograd_module';
import { funcEntries, vmapFn } from './func_module';
import { lrSchedulerOfRun, optimModule } from './optim';
import { installTensorAutograd } from './tensor';

/** Random functions that must respect vmap's randomness flag. */
const RANDOM_FUNCTIONS = ['rand', 'randn', 'randint', 'rand_like', 'randn_like', 'randint_like', 'randperm', 'normal', 'bernoulli', 'multinomial', 'poisson'];
const RANDOM_METHODS = ['uniform_', 'normal_', 'bernoulli_', 'random_', 'exponential_', 'bernoulli', 'multinomial'];

const guarded = (name: string, f: PyValue): PyBuiltinFunction =>
  new PyBuiltinFunction(name, (a, kw) => {
    checkVmapRandom();
    return call(f, a, kw);
  }, name);

let installed = false;

export function installAutogradBindings(): void {
  if (installed) return;
  installed = true;
  installTensorAutograd(TensorType);
  for (const m of RANDOM_METHODS) {
    const f = TensorType.dict!.get(m);
    if (f !== undefined) TensorType.dict!.set(m, guarded(m, f));
  }
  setVmapRngHooks({
    save: () => defaultGeneratorObject.gen.getState(),
    restore: (s) => defaultGeneratorObject.gen.setState(s as Uint8Array),
  });
  registerModule('torch.optim', optimModule);
  registerModule('torch.optim.lr_scheduler', lrSchedulerOfRun);
  registerModule('torch.func', () => new PyModule('torch.func', new Map(funcEntries())));
  registerModule('torch.autograd', () => {
    const torch = rt().modules.get('torch');
    let mod: PyModule | null = null;
    if (torch instanceof PyModule) {
      const d = torch.dict!;
      d.set('vmap', vmapFn);
      for (const n of RANDOM_FUNCTIONS) {
        const f = d.get(n);
        if (f !== undefined) d.set(n, guarded(n, f));
      }
      d.set('optim', importModule('torch.optim'));
      // torch already holds its own torch.autograd (grad-mode managers): extend that object
      const existing = d.get('autograd');
      if (existing instanceof PyModule) mod = existing;
    }
    mod ??= new PyModule('torch.autograd');
    for (const [k, v] of autogradEntries()) if (!mod.dict!.has(k) || k === 'grad' || k === 'backward') mod.dict!.set(k, v);
    return mod;
  });
}
