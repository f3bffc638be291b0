// The `torch` module object and its small submodules (torch.cuda, torch.linalg, torch.random,
// torch.autograd, torch.nn.functional): every bound op, the types and dtype constants, seeds and
// RNG state, grad mode, print options, default dtype/device and a few predicates. Built once per
// run by installTorchBindings' factories, so attribute assignments by one script never leak
// into the next.

import { PyError } from '../../../errors';
import { resetPrintOptions, setPrintOptions, getPrintOptions } from '../../../tensor/format';
import { type KwArgs, PyBuiltinFunction, PyDict, PyFloat, PyModule, type PyValue } from '../../object';
import { binder } from '../args';
import { NoGradType, EnableGradType, SetGradEnabledType, InferenceModeType, isGradEnabledFn, isInferenceModeEnabledFn, resetInferenceMode } from './grad_mode';
import { functionalEntries } from './functional';
import { implNames, torchFunction } from './ops/bind';
import { DTYPE_ATTRS, DtypeType, dtypeObject, toEngineDtype } from './types/dtype';
import { DeviceType, MEMORY_FORMATS, STRIDED, getDefaultDevice, setDefaultDevice } from './types/device';
import { GeneratorType, defaultGeneratorObject, pyInt, seedArg } from './types/generator';
import { SizeType } from './types/size';
import { TensorType } from './tensor/type';
import './tensor/operators';
import './tensor/methods';
import './tensor/inplaceViews';
import './ops/factories';
import './ops/random';
import { pyTorchFunctions } from './pyfuncs';
import { linalgEntries } from './linalg';
import { legacyTypeEntries } from './tensor/legacy';
import * as E from './tensor/engine';
import { backendsModules, determinismEntries } from './backends';
import { infoEntries } from './info';
import { broadcastEntries } from './broadcast';
import { loadFn, saveFn, serializationEntries } from './serialization/api';
import { distributionsModules } from './distributions/module';
import { specialEntries } from './special';

export const TORCH_VERSION = '2.6.0+debian';

const fn = (m: Map<string, PyValue>, name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>, qual = `torch.${name}`): void => {
  m.set(name, new PyBuiltinFunction(name, f, qual));
};

function torchEntries(): Map<string, PyValue> {
  const m = new Map<string, PyValue>();
  for (const n of implNames()) {
    const f = torchFunction(n);
    if (f) m.set(n, f);
  }
  for (const [k, v] of pyTorchFunctions()) m.set(k, v);
  for (const [k, v] of legacyTypeEntries()) m.set(k, v);
  m.set('__version__', TORCH_VERSION);
  m.set('Tensor', TensorType);
  m.set('Size', SizeType);
  m.set('dtype', DtypeType);
  m.set('device', DeviceType);
  m.set('Generator', GeneratorType);
  for (const [k, d] of Object.entries(DTYPE_ATTRS)) m.set(k, dtypeObject(d));
  m.set('strided', STRIDED);
  for (const [k, v] of Object.entries(MEMORY_FORMATS)) m.set(k, v);
  m.set('no_grad', NoGradType);
  m.set('enable_grad', EnableGradType);
  m.set('set_grad_enabled', SetGradEnabledType);
  m.set('inference_mode', InferenceModeType);
  m.set('is_grad_enabled', isGradEnabledFn);
  m.set('is_inference_mode_enabled', isInferenceModeEnabledFn);
  m.set('default_generator', defaultGeneratorObject);

  // ---- seeds and RNG state ----
  fn(m, 'manual_seed', (a) => {
    defaultGeneratorObject.gen.manualSeed(seedArg(a[0] ?? null));
    return defaultGeneratorObject;
  });
  fn(m, 'initial_seed', () => pyInt(defaultGeneratorObject.gen.initialSeed()));
  fn(m, 'seed', () => pyInt(defaultGeneratorObject.gen.seed()));
  fn(m, 'get_rng_state', () => {
    const bytes = defaultGeneratorObject.gen.getState();
    return E.Tensor.fromArray(Uint8Array.from(bytes), [bytes.length], 'uint8');
  });
  fn(m, 'set_rng_state', (a) => {
    const t = a[0];
    if (!(t instanceof E.Tensor) || t.dtype !== 'uint8') throw new PyError('TypeError', 'expected a torch.ByteTensor');
    defaultGeneratorObject.gen.setState(Uint8Array.from(t.dataSync() as Uint8Array));
    return null;
  });

  // ---- defaults and printing ----
  const printArgs = binder('set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)');
  fn(m, 'set_printoptions', (a, kw) => {
    const [precision, threshold, edgeitems, linewidth, profile, sciMode] = printArgs(a, kw).values;
    const n = (v: PyValue): number | null => (v === null ? null : v instanceof PyFloat ? v.v : Number(v));
    setPrintOptions({
      precision: n(precision), threshold: n(threshold), edgeitems: n(edgeitems), linewidth: n(linewidth),
      profile: profile === null ? null : String(profile), sci_mode: sciMode === null ? null : sciMode === true,
    });
    return null;
  });
  fn(m, 'get_printoptions', () => {
    const o = getPrintOptions();
    const d = new PyDict();
    d.set('precision', o.precision);
    d.set('threshold', Number.isFinite(o.threshold) ? o.threshold : new PyFloat(o.threshold));
    d.set('edgeitems', o.edgeitems);
    d.set('linewidth', o.linewidth);
    d.set('sci_mode', o.sci_mode);
    return d;
  });
  fn(m, 'set_default_dtype', (a) => {
    const d = toEngineDtype(a[0] ?? null);
    if (d !== 'float32' && d !== 'float64' && d !== 'float16' && d !== 'bfloat16') {
      throw new PyError('TypeError', 'only floating-point types are supported as the default type');
    }
    E.setDefaultDtype(d);
    return null;
  });
  fn(m, 'get_default_dtype', () => dtypeObject(E.getDefaultDtype()));
  fn(m, 'set_default_device', (a) => (setDefaultDevice(a[0] ?? null), null));
  fn(m, 'get_default_device', () => getDefaultDevice());

  // ---- predicates ----
  fn(m, 'is_tensor', (a) => a[0] instanceof E.Tensor);
  fn(m, 'is_floating_point', (a) => a[0] instanceof E.Tensor && E.isFloating(a[0].dtype));
  fn(m, 'is_nonzero', (a) => {
    const t = a[0] as E.Tensor;
    if (t.numel() !== 1) throw new PyError('RuntimeError', `Boolean value of Tensor with ${t.numel() === 0 ? 'no values' : 'more than one value'} is ambiguous`);
    return Number(t.item()) !== 0;
  });
  if (!m.has('numel')) fn(m, 'numel', (a) => (a[0] as E.Tensor).numel());
  determinismEntries(m);
  for (const [k, v] of [...infoEntries(), ...broadcastEntries()]) m.set(k, v);
  m.set('save', saveFn);
  m.set('load', loadFn);
  return m;
}

function cudaModule(): PyModule {
  const m = new Map<string, PyValue>();
  fn(m, 'is_available', () => false, 'torch.cuda.is_available');
  fn(m, 'device_count', () => 0, 'torch.cuda.device_count');
  fn(m, 'manual_seed', () => null, 'torch.cuda.manual_seed');
  fn(m, 'manual_seed_all', () => null, 'torch.cuda.manual_seed_all');
  fn(m, 'is_initialized', () => false, 'torch.cuda.is_initialized');
  fn(m, 'current_device', () => {
    throw new PyError('AssertionError', 'Torch not compiled with CUDA enabled');
  }, 'torch.cuda.current_device');
  return new PyModule('torch.cuda', m);
}

function linalgModule(torch: Map<string, PyValue>): PyModule {
  return new PyModule('torch.linalg', linalgEntries(torch));
}

export interface TorchModules {
  torch: PyModule;
  submodules: Map<string, PyModule>;
}

/** A fresh set of torch module objects (one per run). */
export function makeTorchModules(): TorchModules {
  const entries = torchEntries();
  const submodules = new Map<string, PyModule>([
    ['torch.cuda', cudaModule()],
    ['torch.linalg', linalgModule(entries)],
    ['torch.special', new PyModule('torch.special', specialEntries())],
    ['torch.nn.functional', new PyModule('torch.nn.functional', functionalEntries())],
    ['torch.serialization', new PyModule('torch.serialization', serializationEntries())],
    ['torch.autograd', new PyModule('torch.autograd', new Map<string, PyValue>([['no_grad', NoGradType], ['enable_grad', EnableGradType], ['set_grad_enabled', SetGradEnabledType]]))],
  ]);
  for (const [name, mod] of backendsModules()) submodules.set(name, mod);
  for (const [name, mod] of distributionsModules()) submodules.set(name, mod);
  for (const [name, mod] of submodules) {
    const attr = name.slice('torch.'.length);
    if (!attr.includes('.')) entries.set(attr, mod);
  }
  return { torch: new PyModule('torch', entries), submodules };
}

/** The state every run starts from (the oracle's harness: fresh process, manual_seed(0)). */
export function resetTorchState(): void {
  resetPrintOptions();
  E.setDefaultDtype('float32');
  E.setGradEnabled(true);
  resetInferenceMode();
  setDefaultDevice(null);
  defaultGeneratorObject.gen.manualSeed(0);
}
