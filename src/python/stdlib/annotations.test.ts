// ownAnnotations: the class's own `__annotations__`, in order (end to end: the dataclasses and
// typing fixtures).

import { describe, expect, it } from 'vitest';
import { PyDict, PyType, ObjectType, PyFloat } from '../object';
import { isClassVar, ownAnnotations } from './annotations';

describe('ownAnnotations', () => {
  it('reads __annotations__ from the class dict, in order, noting assigned values', () => {
    const ann = PyDict.fromEntries([['b', 'int'], ['a', 'ClassVar[int]'], ['c', 'float']]);
    const t = new PyType('C', [ObjectType], new Map<string, PyDict | PyFloat>([['__annotations__', ann], ['c', new PyFloat(1)]]), '__main__');
    const got = ownAnnotations(t);
    expect(got.map((a) => [a.name, a.hasValue])).toEqual([['b', false], ['a', false], ['c', true]]);
    expect(got.map(isClassVar)).toEqual([false, true, false]);
  });
  it('finds nothing for a class without annotations', () => {
    const t = new PyType('Nowhere', [ObjectType], new Map(), '__main__');
    expect(ownAnnotations(t)).toEqual([]);
  });
});
