// torch.device objects, device strings ('cpu', 'cuda:1', 'webgpu'), torch.layout and
// torch.memory_format singletons, and the run's default device. Per DESIGN, 'webgpu' is a visible
// device beside 'cpu', and CUDA behaves as on a PyTorch build without CUDA: a `torch.device('cuda')`
// object can be made, but placing a tensor there raises PyTorch's AssertionError.

import { PyError } from '../../../../errors';
import type { DeviceType as EngineDevice } from '../../../../tensor';
import {
  type KwArgs, type PyValue, PyBuiltinFunction, PyObject, makeType, nativeProperty,
} from '../../../object';
import { pyStrRepr } from '../../../../errors';
import { setTpName } from '../tpname';

export const DeviceType = makeType('device', [], 'torch');
setTpName(DeviceType, 'torch.device');

/** PyTorch's list in the "Expected one of ..." message (c10/core/Device.cpp), in its order. */
const KNOWN = [
  'cpu', 'cuda', 'ipu', 'xpu', 'mkldnn', 'opengl', 'opencl', 'ideep', 'hip', 've', 'fpga', 'maia',
  'xla', 'lazy', 'vulkan', 'mps', 'meta', 'hpu', 'mtia', 'privateuseone',
];

export class TorchDevice extends PyObject {
  constructor(
    readonly type: string,
    readonly index: number | null,
  ) {
    super(DeviceType, null);
  }
  override toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
}

/** Parse a device string as c10::Device(const std::string&) does. */
export function parseDeviceString(s: string): TorchDevice {
  const m = /^([a-z_]+)(?::(\d+))?$/.exec(s);
  const type = m ? m[1] : /^[a-z_]*/.exec(s)![0];
  if (!m || (!KNOWN.includes(type) && type !== 'webgpu')) {
    if (KNOWN.includes(type) || type === 'webgpu') throw new PyError('RuntimeError', `Invalid device string: '${s}'`);
    throw new PyError('RuntimeError', `Expected one of ${KNOWN.join(', ')} device type at start of device string: ${s}`);
  }
  return new TorchDevice(type, m[2] === undefined ? null : Number(m[2]));
}

/** A `device` argument (str, int ordinal, torch.device) as a torch.device. */
export function toDevice(v: PyValue): TorchDevice {
  if (v instanceof TorchDevice) return v;
  if (typeof v === 'string') return parseDeviceString(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    // An int is a CUDA ordinal in PyTorch.
    if (Number(v) < 0) throw new PyError('RuntimeError', `Device index must not be negative`);
    return new TorchDevice('cuda', Number(v));
  }
  throw new PyError('TypeError', 'expected a torch.device');
}

/** Where a tensor can really live: CPU or WebGPU. CUDA raises as on a CPU-only build. */
export function engineDevice(d: TorchDevice): EngineDevice {
  if (d.type === 'cpu') return 'cpu';
  if (d.type === 'webgpu') return 'webgpu';
  if (d.type === 'meta') return 'meta';
  if (d.type === 'cuda') throw new PyError('AssertionError', 'Torch not compiled with CUDA enabled');
  if (d.type === 'mps') {
    throw new PyError('RuntimeError', 'PyTorch is not linked with support for mps devices');
  }
  throw new PyError('RuntimeError', `PyTorch is not linked with support for ${d.type} devices`);
}

let defaultDevice: TorchDevice = new TorchDevice('cpu', null);
export const getDefaultDevice = (): TorchDevice => defaultDevice;
export function setDefaultDevice(v: PyValue): void {
  const d = v === null ? new TorchDevice('cpu', null) : toDevice(v);
  engineDevice(d); // refuse cuda now rather than at the next factory call
  defaultDevice = d;
}
export const resetDefaultDevice = (): void => {
  defaultDevice = new TorchDevice('cpu', null);
};

/** The torch.device of a tensor on an engine device (webgpu prints as index 0, like cuda:0). */
export function deviceOfEngine(d: EngineDevice): TorchDevice {
  return d === 'cpu' ? CPU : d === 'meta' ? META : WEBGPU;
}
const CPU = new TorchDevice('cpu', null);
const WEBGPU = new TorchDevice('webgpu', 0);
const META = new TorchDevice('meta', null);

const dd = DeviceType.dict!;
const self = (v: PyValue): TorchDevice => v as TorchDevice;
const repr = (v: PyValue): string => {
  const d = self(v);
  return d.index === null ? `device(type=${pyStrRepr(d.type)})` : `device(type=${pyStrRepr(d.type)}, index=${d.index})`;
};
dd.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => repr(a[0]), 'device.__repr__'), { syncRepr: repr }));
dd.set('__str__', new PyBuiltinFunction('__str__', (a) => self(a[0]).toString(), 'device.__str__'));
dd.set('__eq__', new PyBuiltinFunction('__eq__', (a) => {
  const o = a[1];
  if (!(o instanceof TorchDevice)) return false;
  return o.type === self(a[0]).type && o.index === self(a[0]).index;
}, 'device.__eq__'));
dd.set('__hash__', new PyBuiltinFunction('__hash__', (a) => {
  let h = 0;
  for (const ch of self(a[0]).toString()) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}, 'device.__hash__'));
dd.set('type', nativeProperty('type', (v) => self(v).type));
dd.set('index', nativeProperty('index', (v) => self(v).index));
DeviceType.slots.create = (_cls, args: PyValue[], kwargs: KwArgs): PyValue => {
  const type = args[0] ?? kwargs?.get('type') ?? null;
  const index = args[1] ?? kwargs?.get('index') ?? null;
  if (type instanceof TorchDevice && index === null) return type;
  if (typeof type !== 'string') {
    throw new PyError('TypeError', `device() received an invalid combination of arguments`);
  }
  const d = parseDeviceString(type);
  if (index === null) return d;
  if (d.index !== null) {
    throw new PyError('RuntimeError', `type (string) must not include an index because index was passed explicitly: ${type}`);
  }
  if (typeof index !== 'number') throw new PyError('TypeError', 'device(): argument \'index\' must be int');
  if (index < 0) throw new PyError('RuntimeError', `Device index must not be negative`);
  return new TorchDevice(d.type, index);
};

// ---- torch.layout / torch.memory_format ---------------------------------------------------------

export const LayoutType = makeType('layout', [], 'torch');
setTpName(LayoutType, 'torch.layout');
export const MemoryFormatType = makeType('memory_format', [], 'torch');
setTpName(MemoryFormatType, 'torch.memory_format');

export class NamedSingleton extends PyObject {
  constructor(
    type: typeof LayoutType,
    readonly name: string,
  ) {
    super(type, null);
  }
}
for (const t of [LayoutType, MemoryFormatType]) {
  const r = (v: PyValue): string => `torch.${(v as NamedSingleton).name}`;
  t.dict!.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => r(a[0])), { syncRepr: r }));
}
export const STRIDED = new NamedSingleton(LayoutType, 'strided');
export const MEMORY_FORMATS = {
  contiguous_format: new NamedSingleton(MemoryFormatType, 'contiguous_format'),
  preserve_format: new NamedSingleton(MemoryFormatType, 'preserve_format'),
  channels_last: new NamedSingleton(MemoryFormatType, 'channels_last'),
  channels_last_3d: new NamedSingleton(MemoryFormatType, 'channels_last_3d'),
};
