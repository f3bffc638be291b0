// Where the samplers' Python warnings go. PyTorch warns (rather than fails) for a few sampler
// arguments, e.g. random_ bounds beyond a float dtype's exact-integer range. The engine knows no
// Python, so it reports through the engine's one warnings channel (src/tensor/warnings.ts).

// One channel for every engine warning: src/tensor/warnings.ts. These names stay for the samplers.
export {
  engineWarn as emitRngWarning,
  setEngineWarningHandler as setRngWarningHandler,
  type EngineWarningHandler as RngWarningHandler,
} from '../warnings';
