// copy.copy / copy.deepcopy of modules (and of the tensors inside them): a module's state lives in
// its `__dict__` *and* in the TS fields that mirror `_parameters`/`_buffers`/`_modules`, so the
// generic object copy would leave the copy's fields pointing at the original's dicts. Registered
// with the copy module's copier registry. Tensors deep-copy as PyTorch's __deepcopy__ does: a new
// storage, Parameter-ness, requires_grad and Python attributes (nn.Buffer's flags) kept; non-leaf
// tensors refuse with PyTorch's message.

import { runtimeError } from '../../../errors';
import { Module } from '../../../nn/module';
import { clone } from '../../../tensor/ops/copy';
import { withNoGrad } from '../../../tensor/grad';
import { Tensor } from '../../../tensor/tensor';
import { registerCopier } from '../../builtins/copy';
import { PyDict, PySet, type PyValue } from '../../object';

/** Point the TS mirrors at whatever the (copied) __dict__ now holds. */
function relink(m: Module): void {
  const d = m.dict!;
  const get = <T>(k: string): T | null => (d.has(k) ? (d.get(k) as T) : null);
  m._parameters = get<PyDict>('_parameters');
  m._buffers = get<PyDict>('_buffers');
  m._modules = get<PyDict>('_modules');
  m._nonPersistent = get<PySet>('_non_persistent_buffers_set');
}

let installed = false;

export function installNnCopiers(): void {
  if (installed) return;
  installed = true;
  registerCopier((v) => v instanceof Module, {
    copy: (v) => {
      const src = v as Module;
      const out = new Module(src.cls);
      for (const [k, x] of src.dict!) out.dict!.set(k, x);
      for (const [k, h] of src.forwardPreHooks) out.forwardPreHooks.set(k, h);
      for (const [k, h] of src.forwardHooks) out.forwardHooks.set(k, h);
      relink(out);
      return out;
    },
    deepcopy: async (v, deep, memo) => {
      const src = v as Module;
      const out = new Module(src.cls);
      memo.set(src, out);
      for (const [k, x] of src.dict!) out.dict!.set(k, await deep(x));
      for (const [k, h] of src.forwardPreHooks) out.forwardPreHooks.set(k, { ...h, hook: await deep(h.hook) });
      for (const [k, h] of src.forwardHooks) out.forwardHooks.set(k, { ...h, hook: await deep(h.hook) });
      relink(out);
      return out;
    },
  });
  registerCopier((v) => v instanceof Tensor, {
    deepcopy: (v): PyValue => {
      const t = v as Tensor;
      if (t.gradFn !== null) {
        throw runtimeError(
          'Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  ' +
            'If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, ' +
            'see https://github.com/pytorch/pytorch/pull/103001',
        );
      }
      const c = withNoGrad(() => clone(t));
      c.requiresGrad = t.requiresGrad;
      c.isParameter = t.isParameter;
      if (t.pyDict) c.pyDict = new Map(t.pyDict);
      return c;
    },
  });
}
