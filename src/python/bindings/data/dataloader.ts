// torch.utils.data.DataLoader: PyTorch 2.6's constructor (torch/utils/data/dataloader.py) — its
// checks in order and wording, the sampler it builds (RandomSampler for shuffle=True,
// SequentialSampler, or the endless constant sampler of an IterableDataset), the BatchSampler
// around it, default_collate / default_convert — plus len() and the rule that batch_size, sampler,
// ... cannot be reassigned. Attributes live in the instance dict as in PyTorch (`loader.dataset`,
// `loader.sampler`, ...). Iterating makes a fresh single-process iterator (loader_iter.ts), so each
// epoch reshuffles exactly as PyTorch does.
//
// Worker processes do not exist in this playground: num_workers > 0 raises a NotImplementedError
// that says so (after PyTorch's own checks of the arguments). pin_memory is accepted and, as in
// PyTorch without CUDA, has no effect and no warning.

import { PyError } from '../../../errors';
import { type PyValue, PyObject, call, genericSetattr, isinstance, makeType, nativeProperty } from '../../object';
import { eqBool, lenOf, lessThan, truthy } from '../../builtins/ops';
import { str } from '../../builtins/repr';
import { defaultCollateFn, defaultConvertFn } from './collate';
import { IterableDatasetType } from './dataset';
import { BatchSamplerType, RandomSamplerType, SamplerType, SequentialSamplerType } from './sampler';
import { ITERABLE_KIND, MAP_KIND, def, genericAlias, getattr, pyGenerator } from './py';
import { makeLoaderIter } from './loader_iter';

export const DATALOADER_MODULE = 'torch.utils.data.dataloader';
export const DataLoaderType = makeType('DataLoader', [], DATALOADER_MODULE);
genericAlias(DataLoaderType);

/** The sampler of an IterableDataset: `while True: yield None`. */
export const InfiniteConstantSamplerType = makeType('_InfiniteConstantSampler', [SamplerType], DATALOADER_MODULE);
def(InfiniteConstantSamplerType, '__iter__', '()', () =>
  pyGenerator(async function* () {
    for (;;) yield null;
  }),
);

const INITIALIZED = '_DataLoader__initialized';
const FROZEN = new Set(['batch_size', 'batch_sampler', 'sampler', 'drop_last', 'dataset', 'persistent_workers']);

DataLoaderType.slots.setattr = async (obj, name, value) => {
  const o = obj as PyObject;
  if (o.dict!.get(INITIALIZED) === true && FROZEN.has(name))
    throw new PyError('ValueError', `${name} attribute should not be set after ${o.cls.name} is initialized`);
  await genericSetattr(obj, name, value);
};

const SIGNATURE =
  "(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False, pin_memory_device='', in_order=True)";

def(DataLoaderType, '__init__', SIGNATURE, async (self, v) => {
  const [dataset, batchSize0, shuffle0, sampler0, batchSampler0, numWorkers, collateFn0, pinMemory, dropLast0, timeout, workerInitFn, mpContext, generator, prefetch0, persistent, pinDevice, inOrder] = v;
  if (await lessThan(numWorkers, 0)) throw new PyError('ValueError', 'num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
  if (await lessThan(timeout, 0)) throw new PyError('ValueError', 'timeout option should be non-negative');
  const workers = !(await eqBool(numWorkers, 0)); // > 0: negatives were refused above
  let prefetch = prefetch0;
  if (!workers && prefetch !== null)
    throw new PyError(
      'ValueError',
      'prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.',
    );
  else if (workers && prefetch === null) prefetch = 2;
  else if (prefetch !== null && (await lessThan(prefetch, 0))) throw new PyError('ValueError', 'prefetch_factor option should be non-negative');
  if ((await truthy(persistent)) && !workers) throw new PyError('ValueError', 'persistent_workers option needs num_workers > 0');
  if (workers)
    throw new PyError(
      'NotImplementedError',
      `DataLoader(num_workers=${await str(numWorkers)}): worker processes are not available in this playground; use num_workers=0 (batches are loaded in the main process)`,
    );
  if (mpContext !== null)
    throw new PyError(
      'ValueError',
      `multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=${await str(numWorkers)}`,
    );
  const d = (self as PyObject).dict!;
  const set = (k: string, x: PyValue): void => void d.set(k, x);
  set('dataset', dataset);
  set('num_workers', numWorkers);
  set('prefetch_factor', prefetch);
  set('pin_memory', pinMemory);
  set('pin_memory_device', pinDevice);
  set('timeout', timeout);
  set('worker_init_fn', workerInitFn);
  set('_DataLoader__multiprocessing_context', mpContext);
  set('in_order', inOrder);

  let shuffle: PyValue = shuffle0;
  let kind: number;
  if (isinstance(dataset, IterableDatasetType)) {
    kind = ITERABLE_KIND;
    if (!(shuffle === null || (await eqBool(shuffle, false))))
      throw new PyError('ValueError', `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${await str(shuffle)}`);
    if (sampler0 !== null)
      throw new PyError('ValueError', `DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${await str(sampler0)}`);
    else if (batchSampler0 !== null)
      throw new PyError('ValueError', `DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${await str(batchSampler0)}`);
  } else {
    shuffle = await truthy(shuffle);
    kind = MAP_KIND;
  }
  set('_dataset_kind', kind);
  const shuffled = await truthy(shuffle);
  let [sampler, batchSampler, batchSize, dropLast] = [sampler0, batchSampler0, batchSize0, dropLast0];
  if (sampler !== null && shuffled) throw new PyError('ValueError', 'sampler option is mutually exclusive with shuffle');
  if (batchSampler !== null) {
    if (!(await eqBool(batchSize, 1)) || shuffled || sampler !== null || (await truthy(dropLast)))
      throw new PyError('ValueError', 'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
    batchSize = null;
    dropLast = false;
  } else if (batchSize === null && (await truthy(dropLast))) {
    throw new PyError('ValueError', 'batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
  }
  if (sampler === null) {
    if (kind === ITERABLE_KIND) sampler = await call(InfiniteConstantSamplerType, []);
    else if (shuffled) sampler = await call(RandomSamplerType, [dataset], new Map([['generator', generator]]));
    else sampler = await call(SequentialSamplerType, [dataset]);
  }
  if (batchSize !== null && batchSampler === null) batchSampler = await call(BatchSamplerType, [sampler, batchSize, dropLast]);
  set('batch_size', batchSize);
  set('drop_last', dropLast);
  set('sampler', sampler);
  set('batch_sampler', batchSampler);
  set('generator', generator);
  set('collate_fn', collateFn0 ?? (batchSampler !== null ? defaultCollateFn : defaultConvertFn));
  set('persistent_workers', persistent);
  set(INITIALIZED, true);
  set('_IterableDataset_len_called', null);
  set('_iterator', null);
  return null;
});

DataLoaderType.dict!.set('multiprocessing_context', nativeProperty('multiprocessing_context', (self) => getattr(self, '_DataLoader__multiprocessing_context')));
DataLoaderType.dict!.set('_auto_collation', nativeProperty('_auto_collation', async (self) => (await getattr(self, 'batch_sampler')) !== null));
DataLoaderType.dict!.set('_index_sampler', nativeProperty('_index_sampler', async (self) => {
  const bs = await getattr(self, 'batch_sampler');
  return bs !== null ? bs : getattr(self, 'sampler');
}));

def(DataLoaderType, '__iter__', '()', (self) => makeLoaderIter(self));

def(DataLoaderType, '__len__', '()', async (self) => {
  if ((await getattr(self, '_dataset_kind')) === ITERABLE_KIND) {
    let length = await lenOf(await getattr(self, 'dataset'));
    (self as PyObject).dict!.set('_IterableDataset_len_called', length);
    const bs = await getattr(self, 'batch_size');
    if (bs !== null) {
      const b = Number(bs);
      length = (await truthy(await getattr(self, 'drop_last'))) ? Math.floor(length / b) : Math.ceil(length / b);
    }
    return length;
  }
  return lenOf(await getattr(self, '_index_sampler'));
});
