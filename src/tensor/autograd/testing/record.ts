// Test-only: annotate a user-level forward op's node with the records meta.ts asks the engine for
// (see ../annotate.ts); tests use it where the engine does not record them yet.
export { annotate as rec } from '../annotate';
