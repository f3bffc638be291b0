// What the tensor printer needs to know about a tensor, and nothing more: the engine (CPU or
// WebGPU storage, views, autograd) adapts its tensors to this interface, so src/tensor/format
// stays independent of how data is stored. The printer reads only the elements it shows.

import type { DType } from '../dtype';

export interface PrintableTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /**
   * Element i in flat row-major order: for floating dtypes the exact double equal to the stored
   * value (a float32 read from a Float32Array, not the user's literal); int8..int32 and uint8 as
   * numbers; int64 as bigint; bool as boolean.
   */
  at(i: number): number | bigint | boolean;
  /** a leaf with requires_grad=True (printed only when gradFnName is null) */
  readonly requiresGrad: boolean;
  /** class name of the autograd node, e.g. 'AddBackward0'; null for leaves and detached results */
  readonly gradFnName: string | null;
  /** nn.Parameter: text gets the "Parameter containing:\n" prefix */
  readonly isParameter: boolean;
  /** 'cpu' prints nothing; anything else prints device='<device>' (e.g. 'cuda:0', 'webgpu:0') */
  readonly device: string;
}
