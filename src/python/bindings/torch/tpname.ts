// Py_TYPE(obj)->tp_name as PyTorch's C++ messages print it: a builtin's bare name (`int`,
// `tuple`), a user class's bare name (`Foo`), but the dotted name of C-defined torch types
// (`torch.Size`, `torch.dtype`, `torch._C.Generator`). Types register their tp_name here when it
// differs from their Python __name__.

import { type PyType, type PyValue, typeOf } from '../../object';

const tpNames = new WeakMap<PyType, string>();

export function setTpName(t: PyType, name: string): void {
  tpNames.set(t, name);
}

export function tpName(v: PyValue): string {
  const t = typeOf(v);
  return tpNames.get(t) ?? t.name;
}
