// Late-bound hooks from the builtins to the evaluator (attribute loads with the interpreter's
// error texts), so builtins/ does not import interp/.

import { PyError } from '../../errors';
import { type PyValue, getattr } from '../object';

export const loadAttrHook: { load: (obj: PyValue, name: string) => Promise<PyValue> } = {
  load: (obj, name) => getattr(obj, name),
};
void PyError;
