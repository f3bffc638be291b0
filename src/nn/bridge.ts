// nn/'s one doorway into the tensor engine for the things Module bookkeeping needs: is this value a
// tensor, the Parameter/Buffer flags, PyTorch's legacy type names used in error messages
// (`torch.FloatTensor`), and the identity-preserving constructors (`Parameter(t)`, `detach()`,
// `nn.Buffer(t)`) that share a storage and its version counter the way PyTorch's do. Numeric ops
// (linear, conv, ...) are called directly from ops/ by the layers; this file is only about identity.

import { legacyTypeName as dtypeLegacyName, type DType } from '../tensor/dtype';
import { Tensor } from '../tensor/tensor';
import { withNoGrad } from '../tensor/grad';
import { copy_ } from '../tensor/ops/copy';
import { detach as engineDetach } from '../tensor/ops/views';

export { Tensor };

export const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;

export const isParameter = (v: unknown): v is Tensor => v instanceof Tensor && v.isParameter;

/** `isinstance(t, nn.Buffer)`: PyTorch's _BufferMeta checks the `_is_buffer` attribute. */
export const isBufferFlagged = (v: unknown): v is Tensor => v instanceof Tensor && v.pyDict?.get('_is_buffer') === true;

/** `t.__dict__.get('persistent', True)` of an nn.Buffer. */
export function bufferPersistent(t: Tensor): boolean {
  const p = t.pyDict?.get('persistent');
  return p === undefined ? true : p !== false && p !== 0 && p !== null;
}

/** `t.type()`: the legacy type name PyTorch's messages use (`torch.typename(tensor)`). */
export const legacyTypeName = (t: Tensor): string => dtypeLegacyName(t.dtype);

/** A new tensor object over the same storage, layout and version counter (PyTorch's alias). */
function alias(t: Tensor): Tensor {
  const a = new Tensor(t.storage, t.shape, t.strides, t.offset, t.versionCounter);
  a.base = t.base;
  return a;
}

/** `t.detach()`: same storage and version counter, no autograd history, requires_grad False. */
export function detach(t: Tensor): Tensor {
  return engineDetach(t);
}

/** `nn.Parameter(data, requires_grad)`: a new object sharing data's storage (`_make_subclass`). */
export function makeParameter(data: Tensor, requiresGrad = true): Tensor {
  const p = alias(data);
  p.isParameter = true;
  p.requiresGrad = requiresGrad;
  return p;
}

/** `nn.Buffer(data, persistent=True)`: detached, keeps requires_grad, flagged as a buffer. */
export function makeBuffer(data: Tensor, persistent = true): Tensor {
  const b = alias(data);
  b.requiresGrad = data.requiresGrad;
  b.pyDict ??= new Map();
  b.pyDict.set('persistent', persistent);
  b.pyDict.set('_is_buffer', true);
  return b;
}

/** `torch.Size([...])`'s text, for shape messages (`torch.Size([2, 2])`). */
export const sizeText = (shape: readonly number[]): string => `torch.Size([${shape.join(', ')}])`;

/** `dst.copy_(src)` under no_grad (load_state_dict, remove_parametrizations): values cast to
 * dst's dtype, dst's version bumped, no autograd record. */
export function copyNoGrad(dst: Tensor, src: Tensor): void {
  withNoGrad(() => copy_(dst, src));
}
