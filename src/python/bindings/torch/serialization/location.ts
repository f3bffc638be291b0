// torch.load's map_location: where each saved storage is restored, decided per storage from its
// location tag ('cpu', 'webgpu:0', 'meta') as PyTorch's default_restore_location does — None keeps
// the tag, a str / torch.device replaces it, a dict maps tags, a callable gets (storage, tag) and
// returns a storage or None. 'webgpu' restores like 'cuda' on a CUDA build; 'cuda' raises the error
// a CPU-only PyTorch build raises.

import { PyError } from '../../../../errors';
import { type PyValue, PyDict, PyObject, call, makeType, nativeProperty, typeOf } from '../../../object';
import { type DeviceType, type Storage } from '../../../../tensor/storage';
import { elementSize } from '../../../../tensor/dtype';
import { method } from '../../../stdlib/native';
import { TorchDevice, deviceOfEngine } from '../types/device';
import { setTpName } from '../tpname';
import type { Checkpoint } from './snapshot';

/** torch.storage.UntypedStorage as a map_location callable sees it (restored on the CPU). */
export const UntypedStorageType = makeType('UntypedStorage', [], 'torch.storage');
setTpName(UntypedStorageType, 'torch.storage.UntypedStorage');

class StorageObject extends PyObject {
  constructor(
    readonly saved: Storage,
    readonly device: DeviceType,
  ) {
    super(UntypedStorageType, null);
  }
}
const so = (v: PyValue): StorageObject => v as StorageObject;
UntypedStorageType.dict!.set('device', nativeProperty('device', (v) => deviceOfEngine(so(v).device)));
method(UntypedStorageType, 'cpu', (v) => (so(v).device === 'cpu' ? v : new StorageObject(so(v).saved, 'cpu')));
method(UntypedStorageType, 'cuda', () => {
  throw new PyError('AssertionError', 'Torch not compiled with CUDA enabled');
});
method(UntypedStorageType, 'size', (v) => so(v).saved.size * elementSize(so(v).saved.dtype));
method(UntypedStorageType, 'nbytes', (v) => so(v).saved.size * elementSize(so(v).saved.dtype));

/** default_restore_location: the device a location string names (torch/serialization.py). */
export function restoreDevice(location: string): DeviceType {
  if (location === 'cpu') return 'cpu';
  if (location === 'meta') return 'meta';
  if (location.startsWith('webgpu')) return 'webgpu';
  if (location.startsWith('cuda')) {
    throw new PyError(
      'RuntimeError',
      'Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. ' +
        "If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
    );
  }
  throw new PyError('RuntimeError', `don't know how to restore data location of torch.storage.UntypedStorage (tagged with ${location})`);
}

const asLocation = (v: PyValue): string => (v instanceof TorchDevice ? v.toString() : typeof v === 'string' ? v : String(v));

/** The device of every saved storage of `cp` under `mapLocation`, in the order they were saved. */
export async function resolveDevices(cp: Checkpoint, mapLocation: PyValue): Promise<Map<Storage, DeviceType>> {
  const out = new Map<Storage, DeviceType>();
  for (const [s, tag] of cp.locations) {
    if (mapLocation === null) out.set(s, restoreDevice(tag));
    else if (typeof mapLocation === 'string' || mapLocation instanceof TorchDevice) out.set(s, restoreDevice(asLocation(mapLocation)));
    else if (mapLocation instanceof PyDict) {
      const to = mapLocation.get(tag);
      out.set(s, restoreDevice(to === undefined ? tag : asLocation(to)));
    } else {
      const r = await call(mapLocation, [new StorageObject(s, 'cpu'), tag]);
      if (r === null) out.set(s, restoreDevice(tag));
      else if (r instanceof StorageObject) out.set(s, r.device);
      else throw new PyError('TypeError', `map_location must return a storage or None, not ${typeOf(r).name}`);
    }
  }
  return out;
}
