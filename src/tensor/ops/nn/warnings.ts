// Where the engine's nn ops report Python warnings (softmax's implicit dim, the loss broadcast
// warning, conv padding='same' copies). The engine knows no Python: the interpreter installs a
// handler that routes to its `warnings` module (one engine-wide channel, src/tensor/warnings.ts).

// One channel for every engine warning: src/tensor/warnings.ts. These names stay for the nn ops.
export {
  engineWarn as emitNnWarning,
  setEngineWarningHandler as setNnWarningHandler,
  type EngineWarningHandler as NnWarningHandler,
} from '../../warnings';

/** Python's `torch.Size([3, 4])` text, as the warnings print shapes. */
export const torchSize = (shape: readonly number[]): string => `torch.Size([${shape.join(', ')}])`;
