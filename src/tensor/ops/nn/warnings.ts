// Where the engine's nn ops report Python warnings (softmax's implicit dim, the loss broadcast
// warning, conv padding='same' copies). The engine knows no Python: the interpreter installs a
// handler that routes to its `warnings` module, exactly like random/warnings.ts for the samplers.
// Without a handler, warnings are dropped.

export type NnWarningHandler = (category: string, message: string) => void;

let handler: NnWarningHandler | null = null;

/** Install (or with null, remove) the receiver of nn-op warnings. */
export function setNnWarningHandler(h: NnWarningHandler | null): void {
  handler = h;
}

export function emitNnWarning(category: string, message: string): void {
  handler?.(category, message);
}

/** Python's `torch.Size([3, 4])` text, as the warnings print shapes. */
export const torchSize = (shape: readonly number[]): string => `torch.Size([${shape.join(', ')}])`;
