// The `collections.OrderedDict` type object, here in nn/ because state_dict() returns one (as
// PyTorch does: `print(m.state_dict())` shows `OrderedDict({...})`). An OrderedDict is a PyDict
// whose `cls` is this type — a dict subclass to the interpreter (typeOf, isinstance, dict methods)
// with insertion order already given by PyDict. Its own methods (repr, order-sensitive ==,
// move_to_end, popitem(last=), copy) need the interpreter's protocols and are installed on the
// type by the Python bindings (python/bindings/nn/collections.ts).

import { Builtins, PyDict, type PyType, makeType } from '../python/object';

export const OrderedDictType: PyType = makeType('OrderedDict', [Builtins.dict], 'collections');

/** A new, empty OrderedDict (or an instance of a subclass `cls`). */
export function orderedDict(cls: PyType = OrderedDictType): PyDict {
  const d = new PyDict();
  d.cls = cls;
  return d;
}

export const isOrderedDict = (v: unknown): v is PyDict => v instanceof PyDict && v.cls !== null && v.cls.isSubtypeOf(OrderedDictType);
