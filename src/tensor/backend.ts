// The backend interface: where kernels run. Ops in ops/ decide shapes, dtypes, broadcasting,
// errors and autograd records, then hand a fully resolved kernel call to the backend of the output
// tensor's device. The CPU backend (cpu/backend.ts) runs the op table's compiled loops on typed
// arrays; a WebGPU backend implements the same interface from the same table entries. Ops that
// have no kernel here (indexing, sorting, joins) work on the CPU through dataSync() for now.

import type { DType } from './dtype';
import type { ElementwiseDef } from './ops/table';
import type { Storage } from './storage';

/** What a kernel needs to know about one operand: memory plus layout (a Tensor satisfies it). */
export interface Layout {
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
}

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'all' | 'any' | 'count_nonzero';

export interface Backend {
  readonly name: string;
  /**
   * out[idx] = op(inputs[k][idx]...) for every idx of out.shape. Inputs are already broadcast to
   * out.shape (stride 0 on broadcast dims) and have the same rank; `compute` is the dtype the op
   * computes in (inputs are read as that dtype, results cast to out.dtype). `params` are the op's
   * scalar parameters, already expressed in the compute domain (numbers, or bigints for int64).
   */
  elementwise(op: ElementwiseDef, out: Layout, inputs: readonly Layout[], compute: DType, params: readonly (number | bigint)[]): void;
}

let cpu: Backend | null = null;
const backends = new Map<string, Backend>();

export function registerBackend(device: string, b: Backend): void {
  backends.set(device, b);
  if (device === 'cpu') cpu = b;
}

export function backendFor(device: string): Backend {
  const b = backends.get(device) ?? cpu;
  if (b === null) throw new Error('no CPU backend registered');
  return b;
}
