// The 'meta' device: tensors with a shape, dtype and identity but no data, as PyTorch's meta
// tensors (the model-ensembling recipe moves a template module there with `.to('meta')` before
// functional_call swaps real tensors in). Any read of the values raises PyTorch's error. Ops on
// meta tensors (which PyTorch evaluates for shapes only) are not supported: they raise that same
// error when they touch the data.

import { PyError } from '../errors';
import type { DType, StorageArray } from './dtype';
import { Storage } from './storage';

const noData = (): PyError => new PyError('NotImplementedError', 'Cannot copy out of meta tensor; no data!');

export class MetaStorage extends Storage {
  constructor(
    dtype: DType,
    private readonly n: number,
  ) {
    super(new Float32Array(0) as StorageArray, dtype, 'meta');
  }
  override get data(): StorageArray {
    throw noData();
  }
  override set data(_v: StorageArray) {
    throw noData();
  }
  override get dataForRead(): StorageArray {
    throw noData();
  }
  override get size(): number {
    return this.n;
  }
}
