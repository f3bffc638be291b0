// The "pickle" round trip behind torch.save / torch.load, without bytes: saving takes a frozen deep
// copy of the object graph (a Checkpoint — what the file holds), loading takes a fresh deep copy of
// that. Both reuse the copy module's deepcopy machinery (builtins/copy.ts: memo, shared and cyclic
// references, modules, user objects rebuilt without __init__ as unpickling does); only tensors are
// handled here, the way PyTorch's serialization treats them:
//
// - storages are saved whole and once: two names for one tensor stay one tensor, and views stay
//   views of one storage (same offsets and strides), also across separate tensors in the file;
// - requires_grad, Parameter-ness and Python attributes are kept; `.grad` and the autograd graph
//   are not (a saved non-leaf loads as a leaf that requires grad, as in PyTorch);
// - each storage remembers its location tag ('cpu', 'webgpu:0', 'meta'); map_location decides
//   where it is restored (location.ts).
//
// Tensors are intercepted through the memo: deepCopy asks `memo.get(x)` before copying anything,
// so a memo that answers for tensors hands back our copy and deepCopy never copies them itself.

import { deepCopy } from '../../../builtins/copy';
import { type PyValue, Ellipsis, NotImplemented } from '../../../object';
import { TorchDtype } from '../types/dtype';
import { NamedSingleton } from '../types/device';
import { Tensor } from '../../../../tensor/tensor';
import { ambient, Storage, type DeviceType } from '../../../../tensor/storage';
import { MetaStorage } from '../../../../tensor/meta';
import { allocStorageArray } from '../../../../tensor/dtype';

/** What a saved file holds: the frozen graph and the location tag of each saved storage. */
export class Checkpoint {
  constructor(
    readonly root: PyValue,
    /** Saved storage → location tag, in the order storages were first met (PyTorch's order). */
    readonly locations: Map<Storage, string>,
    /** Who wrote it: torch.save (a zip archive) or pickle.dump (a bare pickle); each loader
     * refuses the other's format as the real ones do. */
    readonly format: 'torch' | 'pickle' = 'torch',
  ) {}
}

/** A deepcopy memo that copies each tensor met with `copyTensor` (once per tensor). */
class TensorMemo extends Map<unknown, PyValue> {
  /** (original, copy) pairs whose Python attributes are copied once the walk is done. */
  readonly withAttrs: [Tensor, Tensor][] = [];
  constructor(private readonly copyTensor: (t: Tensor) => Tensor) {
    super();
  }
  override get(k: unknown): PyValue | undefined {
    // Singletons pickle by name and load as themselves (torch.float64 is torch.float64 again).
    if (k instanceof TorchDtype || k instanceof NamedSingleton || k === Ellipsis || k === NotImplemented) return k;
    if (!(k instanceof Tensor)) return super.get(k);
    let r = super.get(k) as Tensor | undefined;
    if (r === undefined) {
      r = this.copyTensor(k);
      r.requiresGrad = k.requiresGrad;
      r.isParameter = k.isParameter;
      if (k.pyDict !== null && k.pyDict.size > 0) this.withAttrs.push([k, r]);
      super.set(k, r);
    }
    return r;
  }
  /** Deep-copy the tensors' Python attributes with the same memo (sharing kept). */
  async finish(): Promise<void> {
    for (const [src, dst] of this.withAttrs) {
      const d = new Map<string, unknown>();
      for (const [k, v] of src.pyDict!) d.set(k, await deepCopy(v as PyValue, this));
      dst.pyDict = d;
    }
  }
}

const locationOf = (d: DeviceType): string => (d === 'webgpu' ? 'webgpu:0' : d);

/** torch.save's half: a frozen copy of `obj` that later changes to `obj` do not reach. */
export async function snapshot(obj: PyValue, format: 'torch' | 'pickle' = 'torch'): Promise<Checkpoint> {
  const saved = new Map<Storage, Storage>();
  const locations = new Map<Storage, string>();
  const memo = new TensorMemo((t) => {
    let s = saved.get(t.storage);
    if (s === undefined) {
      // Meta storages have no values: the saved one is the storage itself. Others are filled in
      // below, after the walk (a webgpu storage may need an asynchronous download first).
      s = t.storage instanceof MetaStorage ? t.storage : new Storage(allocStorageArray(t.storage.dtype, 0), t.storage.dtype, 'cpu');
      saved.set(t.storage, s);
      locations.set(s, locationOf(t.device));
    }
    return new Tensor(s, t.shape, t.strides, t.offset);
  });
  const root = await deepCopy(obj, memo);
  await memo.finish();
  for (const [live, copy] of saved) {
    if (copy === live) continue;
    await live.sync();
    copy.data = live.dataForRead.slice();
  }
  return new Checkpoint(root, locations, format);
}

/** A new storage on `device` holding a copy of a saved storage's values. */
function restoreStorage(s: Storage, device: DeviceType): Storage {
  if (s instanceof MetaStorage) return s;
  if (device === 'meta') return new MetaStorage(s.dtype, s.size);
  const data = s.dataForRead.slice();
  if (device === 'cpu') return new Storage(data, s.dtype, 'cpu');
  // Storage.fromHost allocates on the ambient device (and through its factory on webgpu).
  const prev = ambient.device;
  ambient.device = device;
  try {
    return Storage.fromHost(data, s.dtype);
  } finally {
    ambient.device = prev;
  }
}

/** torch.load's half: a fresh copy of the checkpoint, each saved storage restored on the device
 * `devices` assigns it (computed beforehand from map_location). */
export async function materialize(cp: Checkpoint, devices: Map<Storage, DeviceType>): Promise<PyValue> {
  const restored = new Map<Storage, Storage>();
  const memo = new TensorMemo((t) => {
    let s = restored.get(t.storage);
    if (s === undefined) {
      s = restoreStorage(t.storage, devices.get(t.storage) ?? 'cpu');
      restored.set(t.storage, s);
    }
    return new Tensor(s, t.shape, t.strides, t.offset);
  });
  const root = await deepCopy(cp.root, memo);
  await memo.finish();
  return root;
}
