// The mapping protocol as the builtins use it (dict(obj), dict.update(obj)): an object with a
// keys() method is read as key → obj[key].

import { type PyValue, MISSING, call, getattrOrMissing } from '../object';
import { toArray } from './iter';
import { getitem } from './ops';

export const mappingEntriesHook = {
  async hasKeys(v: PyValue): Promise<boolean> {
    return (await getattrOrMissing(v, 'keys')) !== MISSING;
  },
  async entries(v: PyValue): Promise<[PyValue, PyValue][]> {
    const keys = await toArray(await call(await getattrOrMissing(v, 'keys') as PyValue, []));
    const out: [PyValue, PyValue][] = [];
    for (const k of keys) out.push([k, await getitem(v, k)]);
    return out;
  },
};
