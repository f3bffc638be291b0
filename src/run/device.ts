// The run's default device (the page's device switch, the CLI's --device). Every run starts with
// the bindings' reset to 'cpu' (beforeRun); this hook, installed after it, then applies the device
// the caller asked for, exactly as `torch.set_default_device(...)` at the top of the script would.

import { beforeRun } from './run';
import { setDefaultDevice } from '../python/bindings/torch/types/device';

export type RunDevice = 'cpu' | 'webgpu';

let requested: RunDevice = 'cpu';
let installed = false;

export async function useDefaultDevice(device: RunDevice): Promise<void> {
  requested = device;
  if (!installed) {
    installed = true;
    beforeRun.push(() => {
      if (requested !== 'cpu') setDefaultDevice(requested);
    });
  }
}
