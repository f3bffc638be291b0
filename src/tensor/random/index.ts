// Public surface of the torch-parity RNG: the generator, the samplers (each writes into a
// caller-provided typed array, contiguous or through a list of element offsets), nn.init math
// and default layer initialisation, and the data-loading draws. Engine-independent: no Tensor
// class here; tensor ops and nn/ wire these into their own types.

export { Generator, defaultGenerator, genOrDefault, normalizeSeed, DEFAULT_GENERATOR_SEED, RNG_STATE_SIZE } from './generator';
export { fmaF32, fmaF64 } from './fma';
export type { Offsets } from './offsets';
export { uniform_, rand, checkUniformBounds, type FloatArray } from './uniform';
export { normal_, randn, normalWithTensors, standardNormalScalar } from './normal';
export { randomFromTo_, random_, randperm, randperm_, RANDPERM_SMALL_LIMIT } from './integers';
export {
  bernoulliScalar_,
  bernoulliTensor_,
  dropout,
  dropoutNoise,
  featureDropout,
  featureDropoutNoise,
  alphaDropout,
  alphaDropoutNoise,
  checkDropoutP,
} from './bernoulli';
export { exponential_, logNormal_, cauchy_, geometric_ } from './distributions';
export { multinomial } from './multinomial';
export * from './init';
export * from './layers';
export { dataLoaderEpochOrder, randomSplitIndices } from './data';
export { setRngWarningHandler, type RngWarningHandler } from './warnings';
export { erfinvF32, erf, logfGlibc } from './erfinv';
export { roundF16, roundBF16 } from './narrow_float';
