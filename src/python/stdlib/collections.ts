// The `collections` module: the torch bindings' OrderedDict / defaultdict / Counter / namedtuple
// (python/bindings/nn/collections.ts — state_dict() returns an OrderedDict, so those types belong
// with nn) plus deque (deque.ts) and `collections.abc`. Registering here takes precedence: the nn
// bindings register their smaller module only when no `collections` exists yet.

import { type PyValue, PyModule } from '../object';
import { registerModule } from '../interp/modules';
import { collectionsModule } from '../bindings/nn/collections';
import { DequeType } from './deque';
import { abcType } from './typingForms';
import { makeModule } from './native';

const ABC_NAMES = ['Iterable', 'Iterator', 'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'Callable', 'Set',
  'MutableSet', 'Collection', 'Container', 'Hashable', 'Sized', 'Generator', 'Reversible'];

function abcModule(): PyValue {
  return makeModule('collections.abc', Object.fromEntries(ABC_NAMES.map((n) => [n, abcType(n)])));
}

function collections(): PyValue {
  const m: PyModule = collectionsModule();
  m.dict!.set('deque', DequeType);
  return m;
}

registerModule('collections', collections);
registerModule('collections.abc', abcModule);
