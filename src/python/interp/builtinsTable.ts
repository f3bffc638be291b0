// The builtins namespace (`len`, `print`, `ValueError`, ...) as one Map the compiled name lookups
// fall back to. builtins/functions.ts fills it at import time; the interpreter only reads it, which
// keeps the evaluator independent of the builtin function implementations.

import type { PyValue } from '../object';

export const BUILTINS = new Map<string, PyValue>();
