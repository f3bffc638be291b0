// torch.Tensor's autograd surface, added to the torch bindings' TensorType: backward,
// register_hook (with a RemovableHandle), retain_grad (through the engine's registry, so the
// gradient is actually kept), the checked `.grad` setter and getter (PyTorch's size/dtype errors
// and its warning when a non-leaf's .grad is read), and `.item()` refusing to run inside vmap.

import { PyError } from '../../../errors';
import { legacyTypeName } from '../../../tensor/dtype';
import { Tensor } from '../../../tensor/tensor';
import { backward, registerHook, retainGrad } from '../../../tensor/autograd';
import { checkVmapItem } from '../../../tensor/autograd/func';
import { warn } from '../../builtins/warnings';
import { PyBuiltinFunction, PyObject, call, makeType, nativeProperty, typeOf, type PyValue, type PyType } from '../../object';
import { binder } from '../args';
import { optBool, optionalTensors, tensors, truthy } from './convert';

const DTYPE_WORD: Record<string, string> = { float32: 'float', float64: 'double', float16: 'c10::Half', bfloat16: 'c10::BFloat16' };

const NONLEAF_GRAD =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at ./build/aten/src/ATen/core/TensorBody.h:489.)";

export const RemovableHandleType: PyType = makeType('RemovableHandle', [], 'torch.utils.hooks');

const T = (v: PyValue): Tensor => {
  if (!(v instanceof Tensor)) throw new PyError('TypeError', "descriptor requires a 'torch._C.TensorBase' object");
  return v;
};

const bindBackward = binder('backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None)');

export function installTensorAutograd(TensorType: PyType): void {
  const d = TensorType.dict!;
  d.set('backward', new PyBuiltinFunction('backward', async (a, kw) => {
    const [self, gradient, retain, create, inputs] = bindBackward(a, kw).values;
    await backward([T(self)], optionalTensors(gradient, 1), {
      retainGraph: optBool(retain),
      createGraph: truthy(create),
      inputs: inputs === null ? null : tensors(inputs, 'inputs'),
    });
    return null;
  }, 'Tensor.backward'));

  d.set('register_hook', new PyBuiltinFunction('register_hook', (a) => {
    const t = T(a[0]);
    const fn = a[1];
    const h = registerHook(t, async (g) => {
      const r = await call(fn, [g]);
      if (r !== null && !(r instanceof Tensor)) throw new PyError('TypeError', `expected Tensor or None (got ${typeOf(r).name})`);
      return r;
    });
    const handle = new PyObject(RemovableHandleType, new Map());
    handle.dict!.set('remove', new PyBuiltinFunction('remove', () => (h.remove(), null)));
    return handle;
  }, 'Tensor.register_hook'));

  d.set('retain_grad', new PyBuiltinFunction('retain_grad', (a) => (retainGrad(T(a[0])), null), 'Tensor.retain_grad'));

  d.set('grad', nativeProperty(
    'grad',
    async (s) => {
      const t = T(s);
      if (t.gradFn !== null && !t.retainsGrad && t.grad === null) await warn('UserWarning', NONLEAF_GRAD);
      return t.grad;
    },
    (s, v) => {
      const t = T(s);
      if (v === null) {
        t.grad = null;
        return;
      }
      if (!(v instanceof Tensor)) throw new PyError('TypeError', `assigned grad expected to be a Tensor or None but got grad of type ${typeOf(v).name}`);
      if (v.dtype !== t.dtype)
        throw new PyError(
          'RuntimeError',
          `attempting to assign a gradient with dtype '${DTYPE_WORD[v.dtype] ?? legacyTypeName(v.dtype)}' to a tensor with dtype '${DTYPE_WORD[t.dtype] ?? legacyTypeName(t.dtype)}'. Please ensure that the gradient and the tensor have the same dtype`,
        );
      if (v.shape.length !== t.shape.length || v.shape.some((x, i) => x !== t.shape[i]))
        throw new PyError(
          'RuntimeError',
          `attempting to assign a gradient of size '[${v.shape.join(', ')}]' to a tensor of size '[${t.shape.join(', ')}]'. Please ensure that the gradient and the tensor are the same size`,
        );
      t.grad = v;
    },
  ));

  const item = d.get('item');
  if (item !== undefined)
    d.set('item', new PyBuiltinFunction('item', (a, kw) => {
      checkVmapItem();
      return call(item, a, kw);
    }, 'Tensor.item'));
}
