// torch.utils.data.sampler: Sampler (the base a script subclasses), SequentialSampler,
// RandomSampler, SubsetRandomSampler, WeightedRandomSampler and BatchSampler — PyTorch 2.6's
// torch/utils/data/sampler.py transcribed. The random ones draw exactly as PyTorch does because
// they make the same calls on the run's torch binding, in the same order, at the same moment:
// their `__iter__` is a generator, so nothing is drawn until the first next(). RandomSampler
// without a generator first draws a seed from the global generator —
// `int(torch.empty((), dtype=torch.int64).random_().item())` — and shuffles with a fresh
// `torch.Generator()` seeded with it; with `replacement` it draws `randint` 32 at a time.

import { PyError } from '../../../errors';
import { type PyValue, PyList, PyTuple, call, callMethod, makeType, nativeProperty, setattr, typeOf } from '../../object';
import { PyRange } from '../../builtins/range';
import { getIter } from '../../builtins/iter';
import { getitem, lenOf, truthy } from '../../builtins/ops';
import { repr, str } from '../../builtins/repr';
import { warn } from '../../builtins/warnings';
import { MISSING } from '../../object';
import { builtin, def, genericAlias, getattr, isPyInt, kw, pyGenerator, torchAttr, torchCall } from './py';

const MODULE = 'torch.utils.data.sampler';
export const SamplerType = makeType('Sampler', [], MODULE);
export const SequentialSamplerType = makeType('SequentialSampler', [SamplerType], MODULE);
export const RandomSamplerType = makeType('RandomSampler', [SamplerType], MODULE);
export const SubsetRandomSamplerType = makeType('SubsetRandomSampler', [SamplerType], MODULE);
export const WeightedRandomSamplerType = makeType('WeightedRandomSampler', [SamplerType], MODULE);
export const BatchSamplerType = makeType('BatchSampler', [SamplerType], MODULE);
for (const t of [SamplerType, SequentialSamplerType, RandomSamplerType, SubsetRandomSamplerType, WeightedRandomSamplerType, BatchSamplerType])
  genericAlias(t);

/** `int(torch.empty((), dtype=torch.int64).random_(generator=g).item())`: one int64 seed. */
export async function drawSeed(generator: PyValue | undefined): Promise<PyValue> {
  const t = await torchCall('empty', [new PyTuple([])], { dtype: torchAttr('int64') });
  const r = await callMethod(t, 'random_', [], generator === undefined ? null : kw({ generator }));
  return callMethod(r, 'item', []);
}

/** The Python list of `tensor.tolist()`. */
async function tolist(t: PyValue): Promise<PyValue[]> {
  return ((await callMethod(t, 'tolist', [])) as PyList).items;
}

// ---- Sampler ------------------------------------------------------------------------------------

def(SamplerType, '__init__', '(data_source=None)', async (_self, [dataSource]) => {
  if (dataSource !== null)
    await warn('UserWarning', '`data_source` argument is not used and will be removed in 2.2.0.You may still have custom implementation that utilizes it.');
  return null;
});
def(SamplerType, '__iter__', '()', () => {
  throw new PyError('NotImplementedError', '');
});

// ---- SequentialSampler --------------------------------------------------------------------------

def(SequentialSamplerType, '__init__', '(data_source)', async (self, [dataSource]) => {
  await setattr(self, 'data_source', dataSource);
  return null;
});
def(SequentialSamplerType, '__iter__', '()', async (self) =>
  getIter(await call(builtin('range'), [await lenOf(await getattr(self, 'data_source'))])),
);
def(SequentialSamplerType, '__len__', '()', async (self) => lenOf(await getattr(self, 'data_source')));

// ---- RandomSampler ------------------------------------------------------------------------------

def(RandomSamplerType, '__init__', '(data_source, replacement=False, num_samples=None, generator=None)', async (self, [ds, repl, ns, gen]) => {
  await setattr(self, 'data_source', ds);
  await setattr(self, 'replacement', repl);
  await setattr(self, '_num_samples', ns);
  await setattr(self, 'generator', gen);
  const replacement = await getattr(self, 'replacement');
  if (typeof replacement !== 'boolean')
    throw new PyError('TypeError', `replacement should be a boolean value, but got replacement=${await str(replacement)}`);
  const n = await getattr(self, 'num_samples');
  if (!isPyInt(n) || Number(n) <= 0)
    throw new PyError('ValueError', `num_samples should be a positive integer value, but got num_samples=${await str(await getattr(self, 'num_samples'))}`);
  return null;
});
RandomSamplerType.dict!.set('num_samples', nativeProperty('num_samples', async (self) => {
  const ns = await getattr(self, '_num_samples');
  return ns === null ? lenOf(await getattr(self, 'data_source')) : ns;
}));
def(RandomSamplerType, '__iter__', '()', (self) =>
  pyGenerator(async function* () {
    const n = await lenOf(await getattr(self, 'data_source'));
    let generator = await getattr(self, 'generator');
    if (generator === null) {
      const seed = await call(builtin('int'), [await drawSeed(undefined)]);
      generator = await call(torchAttr('Generator'), []);
      await callMethod(generator, 'manual_seed', [seed]);
    }
    const numSamples = async (): Promise<number> => Number(await getattr(self, 'num_samples'));
    const int64 = torchAttr('int64');
    if (await truthy(await getattr(self, 'replacement'))) {
      const rounds = Math.floor((await numSamples()) / 32);
      for (let i = 0; i < rounds; i++)
        yield* await tolist(await torchCall('randint', [], { high: n, size: new PyTuple([32]), dtype: int64, generator }));
      yield* await tolist(await torchCall('randint', [], { high: n, size: new PyTuple([(await numSamples()) % 32]), dtype: int64, generator }));
    } else {
      const rounds = Math.floor((await numSamples()) / n);
      for (let i = 0; i < rounds; i++) yield* await tolist(await torchCall('randperm', [n], { generator }));
      const last = await tolist(await torchCall('randperm', [n], { generator }));
      yield* last.slice(0, (await numSamples()) % n);
    }
  }),
);
def(RandomSamplerType, '__len__', '()', (self) => getattr(self, 'num_samples'));

// ---- SubsetRandomSampler ------------------------------------------------------------------------

def(SubsetRandomSamplerType, '__init__', '(indices, generator=None)', async (self, [indices, generator]) => {
  await setattr(self, 'indices', indices);
  await setattr(self, 'generator', generator);
  return null;
});
def(SubsetRandomSamplerType, '__iter__', '()', (self) =>
  pyGenerator(async function* () {
    const n = await lenOf(await getattr(self, 'indices'));
    const perm = await torchCall('randperm', [n], { generator: await getattr(self, 'generator') });
    // `for i in perm: yield self.indices[i]` — i is a 0-d tensor, as in PyTorch
    const it = await getIter(perm);
    for (let i = await it.next(); i !== MISSING; i = await it.next()) yield await indexInto(await getattr(self, 'indices'), i);
  }),
);
def(SubsetRandomSamplerType, '__len__', '()', async (self) => lenOf(await getattr(self, 'indices')));

/** `seq[i]` with CPython's `__index__` conversion of `i` for builtin sequences (a list indexed by
 * a 0-d integer tensor); the interpreter's own list indexing takes only ints. */
async function indexInto(seq: PyValue, i: PyValue): Promise<PyValue> {
  const builtinSeq = seq instanceof PyList || (seq instanceof PyTuple && seq.cls === null) || seq instanceof PyRange;
  if (builtinSeq && !isPyInt(i) && typeOf(i).lookup('__index__') !== undefined) return getitem(seq, await callMethod(i, '__index__', []));
  return getitem(seq, i);
}

// ---- WeightedRandomSampler ----------------------------------------------------------------------

def(WeightedRandomSamplerType, '__init__', '(weights, num_samples, replacement=True, generator=None)', async (self, [w, ns, repl, gen]) => {
  if (typeof ns === 'boolean' || !isPyInt(ns) || ns <= 0)
    throw new PyError('ValueError', `num_samples should be a positive integer value, but got num_samples=${await str(ns)}`);
  if (typeof repl !== 'boolean') throw new PyError('ValueError', `replacement should be a boolean value, but got replacement=${await str(repl)}`);
  const weights = await torchCall('as_tensor', [w], { dtype: torchAttr('double') });
  const shape = await getattr(weights, 'shape');
  if ((await lenOf(shape)) !== 1)
    throw new PyError('ValueError', `weights should be a 1d sequence but given weights have shape ${await repr(await call(builtin('tuple'), [shape]))}`);
  await setattr(self, 'weights', weights);
  await setattr(self, 'num_samples', ns);
  await setattr(self, 'replacement', repl);
  await setattr(self, 'generator', gen);
  return null;
});
def(WeightedRandomSamplerType, '__iter__', '()', (self) =>
  pyGenerator(async function* () {
    const args = [await getattr(self, 'weights'), await getattr(self, 'num_samples'), await getattr(self, 'replacement')];
    yield* await tolist(await torchCall('multinomial', args, { generator: await getattr(self, 'generator') }));
  }),
);
def(WeightedRandomSamplerType, '__len__', '()', (self) => getattr(self, 'num_samples'));

// ---- BatchSampler -------------------------------------------------------------------------------

def(BatchSamplerType, '__init__', '(sampler, batch_size, drop_last)', async (self, [sampler, bs, drop]) => {
  if (typeof bs === 'boolean' || !isPyInt(bs) || bs <= 0)
    throw new PyError('ValueError', `batch_size should be a positive integer value, but got batch_size=${await str(bs)}`);
  if (typeof drop !== 'boolean') throw new PyError('ValueError', `drop_last should be a boolean value, but got drop_last=${await str(drop)}`);
  await setattr(self, 'sampler', sampler);
  await setattr(self, 'batch_size', bs);
  await setattr(self, 'drop_last', drop);
  return null;
});
def(BatchSamplerType, '__iter__', '()', (self) =>
  pyGenerator(async function* () {
    const it = await getIter(await getattr(self, 'sampler'));
    const bs = Number(await getattr(self, 'batch_size'));
    const drop = await truthy(await getattr(self, 'drop_last'));
    // islice(sampler_iter, batch_size) pulls at most batch_size items: a full batch is yielded
    // before the next index is asked for (the sampler's trailing draws happen when PyTorch's do)
    for (;;) {
      const batch: PyValue[] = [];
      while (batch.length < bs) {
        const x = await it.next();
        if (x === MISSING) break;
        batch.push(x);
      }
      if (batch.length === 0 || (drop && batch.length < bs)) return;
      yield new PyList(batch);
    }
  }),
);
def(BatchSamplerType, '__len__', '()', async (self) => {
  const n = await lenOf(await getattr(self, 'sampler'));
  const bs = Number(await getattr(self, 'batch_size'));
  return (await truthy(await getattr(self, 'drop_last'))) ? Math.floor(n / bs) : Math.floor((n + bs - 1) / bs);
});
