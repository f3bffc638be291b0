// A native Python generator object: what `m.named_parameters()` and friends return. PyTorch's
// methods are generator functions, and the type is observable (`functional_call(m,
// m.named_parameters(), x)` reports `<class 'generator'>`), so nn/ hands Python a lazy object of a
// type named `generator` wrapping a JS iterator. The interpreter iterates it with `__next__` (or a
// fast path on `NativeGenerator.it`).

import { PyError } from '../errors';
import { PyBuiltinFunction, PyObject, type PyValue, makeType } from '../python/object';

export const GeneratorType = makeType('generator');

export class NativeGenerator extends PyObject {
  constructor(readonly it: Iterator<PyValue>) {
    super(GeneratorType, null);
  }
  /** One step, Python-style: StopIteration at the end. */
  next(): PyValue {
    const r = this.it.next();
    if (r.done) throw new PyError('StopIteration', '', []);
    return r.value;
  }
}

GeneratorType.dict!.set('__iter__', new PyBuiltinFunction('__iter__', (a) => a[0]));
GeneratorType.dict!.set('__next__', new PyBuiltinFunction('__next__', (a) => (a[0] as NativeGenerator).next()));

/** Wrap a JS iterable as a Python generator object. */
export const pyGenerator = (it: Iterable<PyValue>): NativeGenerator => new NativeGenerator(it[Symbol.iterator]());
