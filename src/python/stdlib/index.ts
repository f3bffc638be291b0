// The standard-library modules pasted PyTorch scripts import beyond math / warnings / copy
// (which live in builtins/): importing this file registers each one with the interpreter's module
// registry (interp/modules.ts). One module per file; each file registers itself.

import './typing';
import './dataclasses';
import './collections';
import './functools';
import './itertools';
import './operator';
import './random';
import './sys';
import './time';
import './string';
import './os';
import './io';
import './future';
