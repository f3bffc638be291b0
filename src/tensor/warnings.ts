// The engine's warnings channel: where tensor ops report the Python warnings PyTorch raises from
// C++ (`TORCH_WARN` / `TORCH_WARN_ONCE`), e.g. `x.T` on a non-2-D tensor, meshgrid without
// `indexing=`, var/std with no degrees of freedom. The engine knows no Python: the interpreter
// installs a handler that forwards to its `warnings.warn(category, message)` (so filters and the
// RunReport see them), and calls `resetEngineWarnings()` when a run starts, because PyTorch's
// WARN_ONCE fires once per process and every run is a fresh process for the oracle.
// Without a handler, warnings are dropped.

export type EngineWarningHandler = (category: string, message: string) => void;

let handler: EngineWarningHandler | null = null;
const warnedOnce = new Set<string>();

/** Install (or with null, remove) the receiver of engine warnings; returns the previous one. */
export function setEngineWarningHandler(h: EngineWarningHandler | null): EngineWarningHandler | null {
  const prev = handler;
  handler = h;
  return prev;
}

/** Report a warning (PyTorch's TORCH_WARN): every call reaches the handler. */
export function engineWarn(category: string, message: string): void {
  handler?.(category, message);
}

/** PyTorch's TORCH_WARN_ONCE: only the first call per run with this message reaches the handler. */
export function engineWarnOnce(category: string, message: string): void {
  if (warnedOnce.has(message)) return;
  warnedOnce.add(message);
  handler?.(category, message);
}

/** Forget which once-only warnings were given (call at the start of each run). */
export function resetEngineWarnings(): void {
  warnedOnce.clear();
}

/** The suffix PyTorch appends to warnings raised in C++ (`(Triggered internally at ...)`). */
export const internally = (where: string): string => ` (Triggered internally at ./aten/src/ATen/native/${where}.)`;
