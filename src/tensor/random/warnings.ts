// Where the samplers' Python warnings go. PyTorch warns (rather than fails) for a few sampler
// arguments, e.g. random_ bounds beyond a float dtype's exact-integer range. The engine knows no
// Python, so it reports through this hook; the interpreter installs a handler that routes to its
// `warnings` module. Without a handler, warnings are dropped.

export type RngWarningHandler = (category: string, message: string) => void;

let handler: RngWarningHandler | null = null;

/** Install (or with null, remove) the receiver of sampler warnings. */
export function setRngWarningHandler(h: RngWarningHandler | null): void {
  handler = h;
}

export function emitRngWarning(category: string, message: string): void {
  handler?.(category, message);
}
