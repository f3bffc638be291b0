// How the matmul kernels see a matrix: a typed array plus an element offset and two strides, so a
// transposed, sliced or expanded Tensor is read in place (element (i, j) at off + i·rs + j·cs)
// and never copied before the kernel's own packing.

export interface MatRef<T> {
  data: T;
  off: number;
  /** Stride between rows (elements). */
  rs: number;
  /** Stride between columns (elements). */
  cs: number;
}

/** How the result C combines with what is already in C (PyTorch's beta/alpha, and where the
 * addend enters the float32 sum — see gemm_f32.ts). */
export type Accumulate =
  /** C = A·B (C's old contents ignored). */
  | 'overwrite'
  /** C = beta·C, then C += alpha·A[i,l]·B[l,j] for l = 0..k-1 (reference BLAS, B not transposed). */
  | 'first'
  /** C = alpha·(Σ_l A[i,l]·B[l,j]) + beta·C (reference BLAS when PyTorch passes B transposed). */
  | 'last';

export interface GemmOptions {
  accumulate?: Accumulate;
  alpha?: number;
  beta?: number;
}
