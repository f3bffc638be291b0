// The bridge from engine tensors to the tensor printer (src/tensor/format): a PrintableTensor view
// over a Tensor (values in row-major order, grad_fn name, Parameter flag, device as printed) and
// repr/format with the current print options and default dtype. CPU data is read synchronously; a
// WebGPU tensor is read with `await data()` first, which is why these functions are async.

import { formatTensor, formatTensorSpec, getPrintOptions, shapeTupleText, type PrintableTensor } from '../../../../tensor/format';
import { Tensor, getDefaultDtype, type StorageArray } from '../../../../tensor';

async function printable(t: Tensor): Promise<PrintableTensor> {
  const data: StorageArray = t.device === 'cpu' ? t.dataSync() : await t.data();
  const isBool = t.dtype === 'bool';
  return {
    dtype: t.dtype,
    shape: t.shape,
    at: (i) => (isBool ? data[i] !== 0 : data[i]),
    requiresGrad: t.requiresGrad,
    gradFnName: t.gradFn === null ? null : t.gradFn.pyName,
    isParameter: t.isParameter,
    device: t.device === 'cpu' ? 'cpu' : `${t.device}:0`,
  };
}

/** A meta tensor has no values: PyTorch prints `tensor(..., device='meta', size=(2, 3))`, then the
 * dtype (unless the default float dtype) and the autograd suffix. */
function metaRepr(t: Tensor): string {
  const parts = ['...', "device='meta'", `size=${shapeTupleText(t.shape)}`];
  if (t.dtype !== getDefaultDtype()) parts.push(`dtype=torch.${t.dtype}`);
  if (t.gradFn !== null) parts.push(`grad_fn=<${t.gradFn.pyName}>`);
  else if (t.requiresGrad) parts.push('requires_grad=True');
  return `${t.isParameter ? 'Parameter containing:\n' : ''}tensor(${parts.join(', ')})`;
}

/** repr(t) == str(t). */
export async function tensorRepr(t: Tensor): Promise<string> {
  if (t.device === 'meta') return metaRepr(t);
  return formatTensor(await printable(t), getPrintOptions(), { defaultFloat: getDefaultDtype() });
}

/** format(t, spec) / f"{t:spec}". */
export async function tensorFormat(t: Tensor, spec: string): Promise<string> {
  return formatTensorSpec(await printable(t), spec, getPrintOptions(), { defaultFloat: getDefaultDtype() });
}
