// The dtypes of the tensor engine, named as PyTorch names them, with the typed array that holds
// each one on the CPU. Everything above the engine (printing, RNG, ops, bindings) speaks in these
// names; promotion rules live in ops, not here.

export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

export const FLOAT_DTYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
export const INT_DTYPES: readonly DType[] = ['int64', 'int32', 'int16', 'int8', 'uint8'];
export const ALL_DTYPES: readonly DType[] = [...FLOAT_DTYPES, ...INT_DTYPES, 'bool'];

export const isFloating = (d: DType): boolean =>
  d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';
export const isIntegral = (d: DType, includeBool = false): boolean =>
  d === 'int64' || d === 'int32' || d === 'int16' || d === 'int8' || d === 'uint8' || (includeBool && d === 'bool');

/** Typed array used as CPU storage for each dtype. float16/bfloat16 are stored widened in a
 * Float32Array whose values are kept rounded to the narrow format (ops round on write). int64 is
 * exact in a BigInt64Array. bool is one byte per element (0/1). */
export type StorageArray =
  | Float32Array
  | Float64Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

export function allocStorageArray(dtype: DType, n: number): StorageArray {
  switch (dtype) {
    case 'float32':
    case 'float16':
    case 'bfloat16':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int64':
      return new BigInt64Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(n);
  }
}

/** Bytes per element as PyTorch reports them (element_size()). */
export const elementSize = (d: DType): number =>
  ({ float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 })[d];

/** PyTorch's legacy type name, used in some error messages (`torch.FloatTensor`). */
export const legacyTypeName = (d: DType): string =>
  ({
    float32: 'torch.FloatTensor',
    float64: 'torch.DoubleTensor',
    float16: 'torch.HalfTensor',
    bfloat16: 'torch.BFloat16Tensor',
    int64: 'torch.LongTensor',
    int32: 'torch.IntTensor',
    int16: 'torch.ShortTensor',
    int8: 'torch.CharTensor',
    uint8: 'torch.ByteTensor',
    bool: 'torch.BoolTensor',
  })[d];
