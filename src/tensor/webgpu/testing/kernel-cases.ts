// Agreement cases for the heavy GPU kernels (matmul, reductions, softmax, norms, embedding, conv).
import type { GpuContext } from '../context';
import type { CaseResult } from './compare';

export const KERNEL_CASES: readonly string[] = [];

export async function kernelCases(_ctx: GpuContext): Promise<CaseResult[]> {
  return [];
}
