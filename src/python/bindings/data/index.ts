// installDataBindings: the module objects of `torch.utils` and `torch.utils.data` (with its
// submodules dataset, sampler, dataloader, _utils, _utils.collate), made fresh for every run and
// registered with the interpreter's import registry. `import torch` imports torch.utils.data too
// (bindings/index.ts), so `torch.utils.data.DataLoader` works after a plain `import torch`, as in
// PyTorch. The classes are shared native types (dataset.ts, sampler.ts, dataloader.ts); only the
// modules (and the collate map a script may edit) are per run.

import { importModule, rt } from '../../interp';
import { type PyValue, PyBuiltinFunction, PyModule } from '../../object';
import { collateModule, defaultCollateFn, defaultConvertFn } from './collate';
import {
  ChainDatasetType, ConcatDatasetType, DatasetType, IterableDatasetType, StackDatasetType, SubsetType, TensorDatasetType,
} from './dataset';
import { randomSplit } from './split';
import {
  BatchSamplerType, RandomSamplerType, SamplerType, SequentialSamplerType, SubsetRandomSamplerType, WeightedRandomSamplerType,
} from './sampler';
import { DATALOADER_MODULE, DataLoaderType } from './dataloader';

type Register = (name: string, factory: () => PyValue) => void;

/** A native function that reports `__module__` like PyTorch's Python function. */
function moduleFn(name: string, module: string, f: ConstructorParameters<typeof PyBuiltinFunction>[1]): PyBuiltinFunction {
  const fn = new PyBuiltinFunction(name, f, name);
  fn.dict = new Map([['__module__', module]]);
  return fn;
}

const randomSplitFn = moduleFn('random_split', 'torch.utils.data.dataset', randomSplit);
const getWorkerInfoFn = moduleFn('get_worker_info', 'torch.utils.data._utils.worker', () => null);

const DATASET_NAMES: [string, PyValue][] = [
  ['Dataset', DatasetType], ['IterableDataset', IterableDatasetType], ['TensorDataset', TensorDatasetType],
  ['StackDataset', StackDatasetType], ['ConcatDataset', ConcatDatasetType], ['ChainDataset', ChainDatasetType],
  ['Subset', SubsetType], ['random_split', randomSplitFn],
];
const SAMPLER_NAMES: [string, PyValue][] = [
  ['Sampler', SamplerType], ['SequentialSampler', SequentialSamplerType], ['RandomSampler', RandomSamplerType],
  ['SubsetRandomSampler', SubsetRandomSamplerType], ['WeightedRandomSampler', WeightedRandomSamplerType], ['BatchSampler', BatchSamplerType],
];
const LOADER_NAMES: [string, PyValue][] = [
  ['DataLoader', DataLoaderType], ['get_worker_info', getWorkerInfoFn], ['default_collate', defaultCollateFn], ['default_convert', defaultConvertFn],
];

/** A package module whose submodules are imported eagerly (as torch/utils/data/__init__.py
 * does): the package is cached first so the submodule imports find their parent. */
function pkg(name: string, entries: [string, PyValue][], subs: string[]): PyModule {
  const m = new PyModule(name, new Map(entries));
  rt().modules.set(name, m);
  for (const s of subs) importModule(`${name}.${s}`);
  return m;
}

export function installDataBindings(register0: Register): void {
  // A factory may run after its own module was already imported as a side effect of importing its
  // parent (`import torch` imports torch.utils.data): hand back that module instead of a second one.
  const register: Register = (name, make) => register0(name, () => rt().modules.get(name) ?? make());
  register('torch.utils', () => pkg('torch.utils', [], ['data']));
  register('torch.utils.data', () =>
    pkg('torch.utils.data', [...DATASET_NAMES, ...SAMPLER_NAMES, ...LOADER_NAMES], ['_utils', 'dataset', 'sampler', 'dataloader']),
  );
  register('torch.utils.data.dataset', () => new PyModule('torch.utils.data.dataset', new Map(DATASET_NAMES)));
  register('torch.utils.data.sampler', () => new PyModule('torch.utils.data.sampler', new Map(SAMPLER_NAMES)));
  register(DATALOADER_MODULE, () =>
    new PyModule(DATALOADER_MODULE, new Map([...LOADER_NAMES, ...DATASET_NAMES, ...SAMPLER_NAMES])),
  );
  register('torch.utils.data._utils', () => pkg('torch.utils.data._utils', [], ['collate']));
  register('torch.utils.data._utils.collate', collateModule);
}
