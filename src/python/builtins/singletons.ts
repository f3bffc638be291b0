// The few builtin singletons besides None/True/False — NotImplemented and Ellipsis — and the
// methods every object inherits from `object` (__repr__, __str__, __init__, __eq__, __ne__,
// __hash__ ...). Kept apart so the operator and repr modules can share them without cycles.

import { PyBuiltinFunction, ObjectType, typeOf, type PyValue, NotImplemented, Ellipsis, NotImplementedType, EllipsisType } from '../object';
import { objectRepr, objectStr, objectId, str } from './repr';
import { PyError } from '../../errors';

export { NotImplemented, Ellipsis, NotImplementedType, EllipsisType };
NotImplementedType.dict!.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', () => 'NotImplemented'), { syncRepr: () => 'NotImplemented' }));
EllipsisType.dict!.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', () => 'Ellipsis'), { syncRepr: () => 'Ellipsis' }));

const od = ObjectType.dict!;
od.set('__repr__', objectRepr);
od.set('__str__', objectStr);
/** object.__init__: the interpreter checks "takes no arguments" itself before calling it. */
export const objectInit = new PyBuiltinFunction('__init__', () => null, 'object.__init__');
od.set('__init__', objectInit);
od.set('__eq__', new PyBuiltinFunction('__eq__', (a) => (a[0] === a[1] ? true : NotImplemented), 'object.__eq__'));
od.set('__ne__', new PyBuiltinFunction('__ne__', (a) => (a[0] === a[1] ? false : NotImplemented), 'object.__ne__'));
od.set('__hash__', new PyBuiltinFunction('__hash__', (a) => objectId(a[0]) >>> 4, 'object.__hash__'));
od.set('__format__', new PyBuiltinFunction('__format__', async (a) => {
  if (a[1] !== '' ) throw new PyError('TypeError', `unsupported format string passed to ${typeOf(a[0]).name}.__format__`);
  return str(a[0] as PyValue);
}, 'object.__format__'));
