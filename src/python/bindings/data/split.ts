// torch.utils.data.random_split: PyTorch 2.6's Python, step for step. Lengths given as fractions
// (summing to 1) become counts by floor, the remainder handed out round-robin, with a UserWarning
// for every empty split; then one `torch.randperm(sum(lengths), generator=generator)` — called
// through the run's torch binding, so its draw from the generator (the global one by default) and
// its argument errors are PyTorch's — and consecutive slices of it become Subsets.

import { PyError } from '../../../errors';
import { importModule } from '../../interp';
import { type PyValue, PyList, PyModule, PySlice, call, callMethod } from '../../object';
import { binop, compare, getitem, lenOf, ne, truthy } from '../../builtins/ops';
import { toArray } from '../../builtins/iter';
import { warn } from '../../builtins/warnings';
import { SubsetType } from './dataset';
import { builtin, torchAttr, torchCall } from './py';
import { binder } from '../args';

const DEFAULT = '<default_generator>';
const bind = binder(`random_split(dataset, lengths, generator='${DEFAULT}')`);
const math = (name: string): PyValue => (importModule('math') as PyModule).dict!.get(name)!;
const sum = (v: PyValue): Promise<PyValue> => call(builtin('sum'), [v]);

export async function randomSplit(args: PyValue[], kwargs: Map<string, PyValue> | null): Promise<PyValue> {
  const [dataset, lengths0, g] = bind(args, kwargs).values;
  const generator = g === DEFAULT ? torchAttr('default_generator') : g;
  let lengths = lengths0;
  const total = await sum(lengths);
  if ((await truthy(await call(math('isclose'), [total, 1]))) && (await truthy(await compare('LtE', total, 1)))) {
    const n = await lenOf(dataset);
    const counts: number[] = [];
    const fracs = await toArray(lengths);
    for (const [i, frac] of fracs.entries()) {
      if ((await truthy(await compare('Lt', frac, 0))) || (await truthy(await compare('Gt', frac, 1))))
        throw new PyError('ValueError', `Fraction at index ${i} is not between 0 and 1`);
      counts.push(Number(await call(builtin('int'), [await call(math('floor'), [await binop('Mult', n, frac)])])));
    }
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length] += 1;
    lengths = new PyList(counts);
    for (const [i, len] of counts.entries())
      if (len === 0) await warn('UserWarning', `Length of split at index ${i} is 0. This might result in an empty dataset.`);
  }
  if (await truthy(await ne(await sum(lengths), await lenOf(dataset))))
    throw new PyError('ValueError', 'Sum of input lengths does not equal the length of the input dataset!');
  const perm = await torchCall('randperm', [await sum(lengths)], { generator });
  const indices = await callMethod(perm, 'tolist', []);
  // [Subset(dataset, indices[offset - length : offset]) for offset, length in zip(accumulate(lengths), lengths)]
  const out: PyValue[] = [];
  let offset: PyValue = null;
  for (const length of await toArray(lengths)) {
    offset = offset === null ? length : await binop('Add', offset, length);
    const slice = await getitem(indices, new PySlice(await binop('Sub', offset, length), offset, null));
    out.push(await call(SubsetType, [dataset, slice]));
  }
  return new PyList(out);
}
