// The bindings' one doorway into the tensor engine: the public engine API (src/tensor/index.ts)
// plus the op families that sit outside it (linalg products, nn ops) and nn/'s identity-preserving
// Parameter constructor. Binding files import engine functions from here only.

export * from '../../../../tensor';
export { matmul, outer, linear, bilinear } from '../../../../tensor/ops/linalg/matmul';
export { mm, addmm, mv, addmv, dot, bmm, baddbmm } from '../../../../tensor/ops/linalg/products';
export { softmax, logSoftmax, implicitSoftmaxDim } from '../../../../tensor/ops/nn/softmax';
export { conv1d, conv2d } from '../../../../tensor/ops/nn/conv';
export { dropout as nnDropout } from '../../../../tensor/ops/nn/dropout';
export { embedding } from '../../../../tensor/ops/nn/embedding';
export { mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, klDiv, nllLoss, crossEntropy } from '../../../../tensor/ops/nn/loss';
export { layerNorm, batchNorm, groupNorm } from '../../../../tensor/ops/nn/normalization';
export {
  maxPool2dWithIndices, maxPool1dWithIndices, avgPool2d, avgPool1d, adaptiveAvgPool2d, adaptiveAvgPool1d, adaptiveMaxPool2dWithIndices,
} from '../../../../tensor/ops/nn/pool';
export { convTranspose1d, convTranspose2d } from '../../../../tensor/ops/nn/conv_transpose';
export { prelu } from '../../../../tensor/ops/nn/prelu';
export { interpolate } from '../../../../tensor/ops/nn/upsample';
export { makeParameter as makeParameterLike } from '../../../../nn/bridge';
export { einsum } from '../../../../tensor/ops/linalg/einsum';
export { det, inv, solve, qr } from '../../../../tensor/ops/linalg/decomp';
export { matrixExp } from '../../../../tensor/ops/linalg/matrix_exp';
export { svdvals } from '../../../../tensor/ops/linalg/svd';
export { vectorNorm, matrixNorm, linalgNorm } from '../../../../tensor/ops/linalg/norms';
export { isclose } from '../../../../tensor/ops/linalg/compare';
export { vdot } from '../../../../tensor/ops/linalg/products';
export { rmsNorm } from '../../../../tensor/ops/nn/normalization';
export { featureDropout, alphaDropout } from '../../../../tensor/ops/nn/dropout';
