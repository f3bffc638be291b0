// The shapes of the generated CPU loops (kernels.generated.ts), shared by the generator
// (codegen.ts, build time only), its output, and the driver (elementwise.ts) that calls them.
// Array types are erased here: each generated loop is typed with its family's exact arrays, and
// the driver only ever hands it those.

import type { StorageArray } from '../dtype';
import type { ElementwiseDef } from '../ops/table';

/**
 * Compute domain × storage class of a generated dense loop: F32 float32 on Float32Array, F64
 * doubles on Float64Array (float64, and float16/bfloat16 values held exactly), I integral numbers
 * on Float64Array, L int64 bigints on BigInt64Array, B bool bytes on Uint8Array.
 */
export type Family = 'F32' | 'F64' | 'I' | 'L' | 'B';

/** Ops whose result is bool whatever they compute in: their loops store 0/1 bytes. */
export const boolResult = (op: ElementwiseDef): boolean => op.rule === 'compare' || op.rule === 'logical';

/** An op's scalar parameters p0.., in the compute domain (bigints for the L family). */
export type P = readonly (number | bigint)[];

/** out[i] = op(x0[i], x1[i], x2[i]) for i < n: dense arrays of the family's storage class. */
export type DenseKernel = (out: StorageArray, n: number, p: P, ...xs: StorageArray[]) => void;

/** A unary op's 2-D strided float32 loop: element (j, i) of out at o + j*os1 + i*os0, of x0 likewise. */
export type StridedKernel = (out: StorageArray, o: number, os0: number, os1: number, n0: number, n1: number, p: P, x0: StorageArray, x0o: number, x0s0: number, x0s1: number) => void;

/** An op's dense loops by family (absent: the op raises before reaching that family), and its
 * fused strided float32 loop where it has one. */
export type OpKernels = Readonly<Partial<Record<Family, DenseKernel>> & { F32S?: StridedKernel }>;

/** k elements of a 2-D block (element (j, i) at base + j*s1 + i*s0) from flat index t0 → dst[0..k). */
export type Gather = (dst: StorageArray, src: StorageArray, base: number, s0: number, s1: number, n0: number, t0: number, k: number) => void;

/** src[0..k) → the block positions Gather reads. */
export type Scatter = (dst: StorageArray, base: number, s0: number, s1: number, n0: number, t0: number, k: number, src: StorageArray) => void;
