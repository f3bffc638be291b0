// Plugs the tensor engine's kernels (src/tensor/ops/{linalg,nn}, the elementwise unary ops) into
// the layer kernel table (kernels.ts). Imported once by nn/index.ts; kept apart from kernels.ts so
// the table's contract stays readable and the engine's option objects are adapted in one place.

import { pyf } from '../../tensor/scalar';
import { withNoGrad } from '../../tensor/grad';
import { add_ } from '../../tensor/ops/arith';
import { bilinear, linear } from '../../tensor/ops/linalg/matmul';
import { conv1d, conv2d, type ConvPadding } from '../../tensor/ops/nn/conv';
import { dropout } from '../../tensor/ops/nn/dropout';
import { embedding } from '../../tensor/ops/nn/embedding';
import { batchNorm, layerNorm } from '../../tensor/ops/nn/normalization';
import { logSoftmax, softmax } from '../../tensor/ops/nn/softmax';
import { elu, gelu, leakyRelu, relu, relu_, sigmoid, silu, silu_, tanh } from '../../tensor/ops/unary';
import { flatten } from '../../tensor/ops/views';
import { installNnKernels } from './kernels';

installNnKernels({
  linear: (x, w, b) => linear(x, w, b),
  bilinear: (x1, x2, w, b) => bilinear(x1, x2, w, b),
  conv: (x, w, b, stride, padding, dilation, groups) =>
    (w.ndim === 3 ? conv1d : conv2d)(x, w, b, { stride, padding: padding as ConvPadding, dilation, groups }),
  embedding: (idx, w, paddingIdx, maxNorm = null, normType = 2) => embedding(idx, w, { paddingIdx, maxNorm, normType }),
  layerNorm: (x, shape, w, b, eps) => layerNorm(x, shape, w, b, eps),
  batchNorm: (x, rm, rv, w, b, training, momentum, eps) => batchNorm(x, rm, rv, w, b, { training, momentum, eps }),
  dropout: (x, p, training, inplace) => dropout(x, p, { training, inplace }),
  relu: (x, inplace) => (inplace ? relu_(x) : relu(x)),
  gelu: (x, approximate) => gelu(x, approximate as 'none' | 'tanh'),
  tanh: (x) => tanh(x),
  sigmoid: (x) => sigmoid(x),
  silu: (x, inplace) => (inplace ? silu_(x) : silu(x)),
  leakyRelu: (x, slope, inplace) => leakyRelu(x, pyf(slope), inplace),
  elu: (x, alpha, inplace) => elu(x, pyf(alpha), inplace),
  softmax: (x, dim) => softmax(x, dim),
  logSoftmax: (x, dim) => logSoftmax(x, dim),
  flatten: (x, start, end) => flatten(x, start, end),
  increment: (t) => void withNoGrad(() => add_(t, 1)),
});
