// The iterator `iter(DataLoader)` returns: PyTorch 2.6's `_SingleProcessDataLoaderIter` with its
// map-style and iterable fetchers (torch/utils/data/dataloader.py, _utils/fetch.py). Creating it
// asks the index sampler for its iterator, then draws the worker base seed —
// `torch.empty((), dtype=torch.int64).random_(generator=loader.generator)` — exactly as PyTorch
// does even with no workers, because that draw moves the generator a shuffled epoch starts from.
// Each next() takes the next index (or list of indices), fetches the samples (`__getitems__` when
// the dataset has one), and hands them to collate_fn.

import { PyError } from '../../../errors';
import { type PyValue, type Missing, MISSING, PyList, call, makeType } from '../../object';
import { PyIterBase, IteratorBaseType, getIter } from '../../builtins/iter';
import { getitem, lenOf, truthy } from '../../builtins/ops';
import { str } from '../../builtins/repr';
import { warn } from '../../builtins/warnings';
import { exceptionType, toPyException } from '../../builtins/exceptions';
import { ITERABLE_KIND, attrOrNone, def, getattr } from './py';
import { drawSeed } from './sampler';

export const LoaderIterType = makeType('_SingleProcessDataLoaderIter', [IteratorBaseType], 'torch.utils.data.dataloader');

/** The StopIteration a fetcher raises to end the epoch. */
class StopFetch extends Error {}

function isStopIteration(e: unknown): boolean {
  if (e instanceof StopFetch) return true;
  if (e instanceof PyError && e.pyType === 'StopIteration') return true;
  const exc = toPyException(e);
  return exc !== null && exc.cls.isSubtypeOf(exceptionType('StopIteration'));
}

interface LoaderState {
  dataset: PyValue;
  kind: number;
  lenCalled: PyValue;
  autoCollation: boolean;
  dropLast: boolean;
  indexSampler: PyValue;
  collateFn: PyValue;
}

class LoaderIter extends PyIterBase {
  private numYielded = 0;
  /** The iterable fetcher's `iter(dataset)` (null for a map-style dataset). */
  datasetIter: PyIterBase | null = null;
  private ended = false;
  constructor(
    private readonly s: LoaderState,
    private readonly samplerIter: PyIterBase,
  ) {
    super(LoaderIterType);
  }

  get indexSampler(): PyValue {
    return this.s.indexSampler;
  }

  async next(): Promise<PyValue | Missing> {
    try {
      const index = await this.samplerIter.next();
      if (index === MISSING) return MISSING;
      const data = await this.fetch(index);
      this.numYielded++;
      const { kind, lenCalled } = this.s;
      if (kind === ITERABLE_KIND && lenCalled !== null && this.numYielded > Number(lenCalled))
        await warn(
          'UserWarning',
          `Length of IterableDataset ${await str(this.s.dataset)} was reported to be ${await str(lenCalled)}(when accessing len(dataloader)), but ${this.numYielded} samples have been fetched. `,
        );
      return data;
    } catch (e) {
      // a StopIteration escaping __next__ ends the for loop, as in Python
      if (isStopIteration(e)) return MISSING;
      throw e;
    }
  }

  private async fetch(index: PyValue): Promise<PyValue> {
    const { dataset, autoCollation, collateFn } = this.s;
    let data: PyValue;
    if (this.datasetIter !== null) {
      if (this.ended) throw new StopFetch();
      if (autoCollation) {
        const items: PyValue[] = [];
        const want = await getIter(index);
        for (let i = await want.next(); i !== MISSING; i = await want.next()) {
          const x = await this.datasetIter.next();
          if (x === MISSING) {
            this.ended = true;
            break;
          }
          items.push(x);
        }
        if (items.length === 0 || (this.s.dropLast && items.length < (await lenOf(index)))) throw new StopFetch();
        data = new PyList(items);
      } else {
        const x = await this.datasetIter.next();
        if (x === MISSING) throw new StopFetch();
        data = x;
      }
    } else if (autoCollation) {
      const gi = await attrOrNone(dataset, '__getitems__');
      if (gi !== null && (await truthy(gi))) data = await call(gi, [index]);
      else {
        const items: PyValue[] = [];
        const it = await getIter(index);
        for (let i = await it.next(); i !== MISSING; i = await it.next()) items.push(await getitem(dataset, i));
        data = new PyList(items);
      }
    } else {
      data = await getitem(dataset, index);
    }
    return call(collateFn, [data]);
  }
}

/** `iter(loader)`: a fresh `_SingleProcessDataLoaderIter`. */
export async function makeLoaderIter(loader: PyValue): Promise<PyValue> {
  const dataset = await getattr(loader, 'dataset');
  const kind = Number(await getattr(loader, '_dataset_kind'));
  const lenCalled = await getattr(loader, '_IterableDataset_len_called');
  const autoCollation = await truthy(await getattr(loader, '_auto_collation'));
  const dropLast = await truthy(await getattr(loader, 'drop_last'));
  const indexSampler = await getattr(loader, '_index_sampler');
  const pinDevice = await getattr(loader, 'pin_memory_device');
  if ((await lenOf(pinDevice)) !== 0 && !(await truthy(await getattr(loader, 'pin_memory'))))
    await warn(
      'UserWarning',
      "pin memory device is set and pin_memory flag is not used then device pinned memory won't be usedplease set pin_memory to true, if you need to use the device pin memory",
    );
  const collateFn = await getattr(loader, 'collate_fn');
  const samplerIter = await getIter(indexSampler);
  await drawSeed(await getattr(loader, 'generator')); // self._base_seed
  const it = new LoaderIter({ dataset, kind, lenCalled, autoCollation, dropLast, indexSampler, collateFn }, samplerIter);
  if (kind === ITERABLE_KIND) it.datasetIter = await getIter(dataset);
  return it;
}

def(LoaderIterType, '__len__', '()', (self) => lenOf((self as LoaderIter).indexSampler));
