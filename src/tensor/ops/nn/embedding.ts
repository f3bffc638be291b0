// F.embedding: rows of `weight` gathered by an integer index tensor, output shape
// indices.shape + [embedding_dim], EmbeddingBackward0. padding_idx only matters to the backward
// (its row gets no gradient), so it is validated and recorded here; max_norm renormalizes the
// referenced rows of weight in place first (embedding_renorm_, a no-grad write that bumps the
// weight's version), as PyTorch does.

import { gpuForWork } from '../../webgpu/active';
import { gpuEmbedding } from '../../webgpu/kernels/embedding-conv';
import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { floatValues } from './rows';

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

function indexValues(indices: Tensor): number[] {
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    const name = indices.dtype === 'float32' ? 'torch.FloatTensor' : indices.dtype === 'float64' ? 'torch.DoubleTensor' : `torch.${indices.dtype}`;
    throw new PyError(
      'RuntimeError',
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${name} instead (while checking arguments for embedding)`,
    );
  }
  return Array.from(indices.dataSync() as ArrayLike<number | bigint>, (v) => Number(v));
}

/** F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, ...). */
export function embedding(indices: Tensor, weight: Tensor, opts: EmbeddingOptions = {}): Tensor {
  const [num, dim] = weight.shape;
  let paddingIdx = opts.paddingIdx ?? null;
  if (paddingIdx !== null) {
    if (paddingIdx > 0 && paddingIdx >= num) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
    if (paddingIdx < 0) {
      if (paddingIdx < -num) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
      paddingIdx = num + paddingIdx;
    }
  }
  const idx = indexValues(indices);
  if (weight.ndim !== 2) throw new PyError('RuntimeError', "'weight' must be 2-D");
  for (const i of idx) if (i < 0 || i >= num) throw new PyError('IndexError', 'index out of range in self');
  if (opts.maxNorm != null) embeddingRenorm_(weight, idx, opts.maxNorm, opts.normType ?? 2);
  // on the webgpu device the gather runs on the GPU (indices were checked on the host above)
  const gpu = opts.maxNorm == null && weight.dtype === 'float32' ? gpuForWork(idx.length * dim, weight) : null;
  let out = gpu === null ? null : gpuEmbedding(gpu, weight, indices);
  if (out === null) {
    const w = floatValues(weight);
    out = Tensor.empty([...indices.shape, dim], weight.dtype, weight.device);
    const o = out.storage.data as Float32Array | Float64Array;
    idx.forEach((row, k) => o.set(w.subarray(row * dim, row * dim + dim), k * dim));
  }
  const node = recordOp('EmbeddingBackward0', [weight], [out]);
  if (node) {
    node.save(indices);
    node.ctx = { numWeights: num, paddingIdx: paddingIdx ?? -1, scaleGradByFreq: opts.scaleGradByFreq ?? false, sparse: opts.sparse ?? false };
  }
  return out;
}

/** torch.embedding_renorm_: each referenced row with norm > max_norm is scaled to max_norm. */
function embeddingRenorm_(weight: Tensor, idx: readonly number[], maxNorm: number, normType: number): void {
  const dim = weight.shape[1];
  const d = weight.storage.data as Float32Array | Float64Array;
  const [rs, cs] = weight.strides;
  for (const row of [...new Set(idx)].sort((a, b) => a - b)) {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = Math.abs(d[weight.offset + row * rs + j * cs]);
      norm = normType === Infinity ? Math.max(norm, v) : norm + v ** normType;
    }
    if (normType !== Infinity) norm = norm ** (1 / normType);
    if (norm > maxNorm) {
      const scale = maxNorm / (norm + 1e-7);
      for (let j = 0; j < dim; j++) d[weight.offset + row * rs + j * cs] *= scale;
    }
  }
  weight.bumpVersion();
}
