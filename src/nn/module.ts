// nn.Module's state and attribute rules: the heart of what functional_call manipulates. A Module is
// a native Python object (PyObject) whose class is ModuleType or a subclass of it — `nn.Linear`,
// or a user's `class Net(nn.Module)` made by the interpreter. Its state lives where PyTorch keeps
// it, in the instance `__dict__`: `training`, `_parameters`, `_buffers`, `_modules` (live Python
// dicts, so `m._parameters.keys()` in a script sees the real thing) and
// `_non_persistent_buffers_set`. The native slots implement `Module.__getattr__` /
// `__setattr__` / `__delattr__` (SEMANTICS §10) with PyTorch's texts; the Python-visible methods are
// attached to ModuleType's dict by module_methods.ts.
//
// Everything that may run user Python (hasattr on a property, `str(value)` in a message) is async.

import { PyError, attributeError, keyError, typeError, valueError } from '../errors';
import {
  MISSING, type Missing, ObjectType, PyCallable, PyDict, PyObject, PySet, PyType, type PyValue,
  genericDelattr, genericSetattr, getattrOrMissing, hasattr, makeType, typeOf,
} from '../python/object';
import { Tensor, bufferPersistent, isBufferFlagged, isParameter, isTensor, legacyTypeName } from './bridge';

export class Module extends PyObject {
  /** The `_parameters` dict; null until Module.__init__ ran (PyTorch checks `__dict__` for it). */
  _parameters: PyDict | null = null;
  _buffers: PyDict | null = null;
  _modules: PyDict | null = null;
  _nonPersistent: PySet | null = null;
  readonly forwardPreHooks = new Map<number, { hook: PyValue; withKwargs: boolean }>();
  readonly forwardHooks = new Map<number, { hook: PyValue; withKwargs: boolean; alwaysCall: boolean }>();
  /** state_dict / load_state_dict hooks (register_state_dict_pre_hook, ...), in call order. */
  readonly stateDictPreHooks = new Map<number, PyValue>();
  readonly stateDictPostHooks = new Map<number, PyValue>();
  readonly loadPreHooks = new Map<number, PyValue>();
  readonly loadPostHooks = new Map<number, PyValue>();
  /** register_full_backward_hook / register_full_backward_pre_hook (backward_hooks.ts). */
  readonly backwardHooks = new Map<number, PyValue>();
  readonly backwardPreHooks = new Map<number, PyValue>();
  /** The deprecated register_backward_hook's hooks (legacy_backward_hooks.ts). */
  readonly legacyBackwardHooks = new Map<number, PyValue>();
  /** PyTorch's `_is_full_backward_hook`: null until a backward hook is registered, then which
   * kind; the two kinds never mix on one module (even after the hooks are removed). */
  isFullBackwardHook: boolean | null = null;

  constructor(cls: PyType = ModuleType) {
    super(cls, new Map());
  }

  /** Module.__init__(): create the state dicts (in `__dict__`, as PyTorch does). */
  init(): void {
    const d = this.dict!;
    d.set('training', true);
    this._parameters = new PyDict();
    this._buffers = new PyDict();
    this._nonPersistent = new PySet();
    this._modules = new PyDict();
    d.set('_parameters', this._parameters);
    d.set('_buffers', this._buffers);
    d.set('_non_persistent_buffers_set', this._nonPersistent);
    d.set('_modules', this._modules);
  }

  get initialized(): boolean {
    return this._parameters !== null;
  }

  /** `self.training` as Python sees it (lives in `__dict__`, so scripts can assign it). */
  get training(): boolean {
    const t = this.dict!.get('training');
    return t === true || (typeof t === 'number' && t !== 0);
  }
  set training(v: boolean) {
    this.dict!.set('training', v);
  }

  /** `type(self).__name__` — `Parametrized…` after parametrization, as in every message. */
  get typeName(): string {
    return this.cls.name;
  }

  // ---- typed accessors for TS callers (no Python protocol involved) ------------------------

  params(): PyDict {
    if (!this._parameters) throw attributeError(`'${this.typeName}' object has no attribute '_parameters'`);
    return this._parameters;
  }
  buffers(): PyDict {
    if (!this._buffers) throw attributeError(`'${this.typeName}' object has no attribute '_buffers'`);
    return this._buffers;
  }
  modules(): PyDict {
    if (!this._modules) throw attributeError(`'${this.typeName}' object has no attribute '_modules'`);
    return this._modules;
  }
  isPersistent(name: string): boolean {
    return !this._nonPersistent?.has(name);
  }

  /** The child registered under `name` (TS convenience; Python uses getattr). */
  child(name: string): Module | null {
    const c = this._modules?.get(name);
    return c instanceof Module ? c : null;
  }

  // ---- registration (§10.5-10.7) ------------------------------------------------------------

  /** register_parameter(name, param) with PyTorch's checks, in PyTorch's order. */
  async registerParameter(name: PyValue, param: PyValue): Promise<void> {
    if (!this._parameters) throw attributeError('cannot assign parameter before Module.__init__() call');
    await this.checkName('parameter', name);
    const n = name as string;
    if (param === null) {
      this._parameters.set(n, null);
      return;
    }
    if (!isParameter(param)) {
      throw typeError(
        `cannot assign '${await torchTypename(param)}' object to parameter '${n}' (torch.nn.Parameter or None required)`,
      );
    }
    if (param.gradFn !== null) {
      throw valueError(
        `Cannot assign non-leaf Tensor to parameter '${n}'. Model parameters must be created explicitly. ` +
          `To express '${n}' as a function of another Tensor, compute the value in the forward() method.`,
      );
    }
    this._parameters.set(n, param);
  }

  /** register_buffer(name, tensor, persistent=True). */
  async registerBuffer(name: PyValue, tensor: PyValue, persistent = true): Promise<void> {
    if (!this._buffers) throw attributeError('cannot assign buffer before Module.__init__() call');
    await this.checkName('buffer', name);
    const n = name as string;
    if (tensor !== null && !isTensor(tensor)) {
      throw typeError(`cannot assign '${await torchTypename(tensor)}' object to buffer '${n}' (torch Tensor or None required)`);
    }
    this._buffers.set(n, tensor);
    if (persistent) this._nonPersistent!.delete(n);
    else this._nonPersistent!.add(n);
  }

  /** add_module(name, module) / register_module. */
  async addModule(name: PyValue, module: PyValue): Promise<void> {
    if (module !== null && !(module instanceof Module)) {
      throw typeError(`${await torchTypename(module)} is not a Module subclass`);
    }
    if (typeof name !== 'string') throw typeError(`module name should be a string. Got ${await torchTypename(name)}`);
    if ((await hasattr(this, name)) && !(this._modules ?? missingState(this, '_modules')).has(name)) {
      throw keyError(`attribute '${name}' already exists`);
    }
    if (name.includes('.')) throw keyError(`module name can't contain ".", got: ${name}`);
    if (name === '') throw keyError('module name can\'t be empty string ""');
    (this._modules ?? missingState(this, '_modules')).set(name, module);
  }

  private async checkName(kind: 'parameter' | 'buffer', name: PyValue): Promise<void> {
    if (typeof name !== 'string') throw typeError(`${kind} name should be a string. Got ${await torchTypename(name)}`);
    if (name.includes('.')) throw keyError(`${kind} name can't contain "."`);
    if (name === '') throw keyError(`${kind} name can't be empty string ""`);
    if (await hasattr(this, name)) {
      const own = kind === 'parameter' ? this._parameters! : this._buffers!;
      if (!own.has(name)) throw keyError(`attribute '${name}' already exists`);
    }
  }
}

/** Reading a state dict of a module whose __init__ never ran: Module.__getattr__'s error. */
function missingState(m: Module, name: string): never {
  throw attributeError(`'${m.typeName}' object has no attribute '${name}'`);
}

// ---- torch.typename ---------------------------------------------------------------------------

/** `torch.typename(obj)`: a tensor's legacy type; else `module.qualname` of a class or function,
 * or of the object's class; the module is omitted for builtins. */
export async function torchTypename(v: PyValue): Promise<string> {
  if (isTensor(v)) return legacyTypeName(v);
  let module = '';
  let qualname = '';
  if (v instanceof PyType) {
    module = v.module;
    qualname = v.qualname;
  } else if (v instanceof PyCallable) {
    const m = await getattrOrMissing(v, '__module__');
    const q = await getattrOrMissing(v, '__qualname__');
    module = typeof m === 'string' ? m : '';
    qualname = typeof q === 'string' ? q : v.name;
  } else {
    const t = typeOf(v);
    module = t.module;
    qualname = t.qualname;
  }
  return module === '' || module === 'builtins' ? qualname : `${module}.${qualname}`;
}

// ---- the native slots: Module.__getattr__ / __setattr__ / __delattr__ ---------------------------

/** Module.__getattr__: parameters, then buffers, then child modules (a None slot reads as None). */
export function moduleGetattr(obj: PyValue, name: string): PyValue | Missing {
  const m = obj as Module;
  const p = m._parameters;
  if (p !== null) {
    let v = p.get(name);
    if (v !== undefined) return v;
    v = m._buffers!.get(name);
    if (v !== undefined) return v;
    v = m._modules!.get(name);
    if (v !== undefined) return v;
  }
  return MISSING;
}

function removeFrom(m: Module, name: string, ...dicts: ('dict' | 'params' | 'buffers' | 'modules' | 'nonpersistent')[]): void {
  for (const d of dicts) {
    if (d === 'dict') m.dict!.delete(name);
    else if (d === 'params') m._parameters?.delete(name);
    else if (d === 'buffers') m._buffers?.delete(name);
    else if (d === 'modules') m._modules?.delete(name);
    else m._nonPersistent?.delete(name);
  }
}

/** Module.__setattr__ (SEMANTICS §10.3): the first matching rule wins. */
export async function moduleSetattr(obj: PyValue, name: string, value: PyValue): Promise<void> {
  const m = obj as Module;
  const params = m._parameters;
  if (isParameter(value)) {
    if (params === null) throw attributeError('cannot assign parameters before Module.__init__() call');
    removeFrom(m, name, 'dict', 'buffers', 'modules', 'nonpersistent');
    await m.registerParameter(name, value);
    return;
  }
  if (params !== null && params.has(name)) {
    if (value !== null) {
      throw typeError(
        `cannot assign '${await torchTypename(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`,
      );
    }
    await m.registerParameter(name, null);
    return;
  }
  if (value instanceof Module) {
    if (m._modules === null) throw attributeError('cannot assign module before Module.__init__() call');
    removeFrom(m, name, 'dict', 'params', 'buffers', 'nonpersistent');
    m._modules.set(name, value);
    return;
  }
  const modules = m._modules;
  if (modules !== null && modules.has(name)) {
    if (value !== null) {
      throw typeError(
        `cannot assign '${await torchTypename(value)}' as child module '${name}' (torch.nn.Module or None expected)`,
      );
    }
    modules.set(name, null);
    return;
  }
  const buffers = m._buffers;
  if (isBufferFlagged(value) || (buffers !== null && buffers.has(name))) {
    if (value !== null && !isTensor(value)) {
      throw typeError(
        `cannot assign '${await torchTypename(value)}' as buffer '${name}' (torch.nn.Buffer, torch.Tensor or None expected)`,
      );
    }
    const persistent = isBufferFlagged(value) ? bufferPersistent(value) : m.isPersistent(name);
    await m.registerBuffer(name, value, persistent);
    return;
  }
  await genericSetattr(m, name, value);
}

/** Module.__delattr__ (§10.4). */
export async function moduleDelattr(obj: PyValue, name: string): Promise<void> {
  const m = obj as Module;
  if (m._parameters?.has(name)) m._parameters.delete(name);
  else if (m._buffers?.has(name)) {
    m._buffers.delete(name);
    m._nonPersistent!.delete(name);
  } else if (m._modules?.has(name)) m._modules.delete(name);
  else await genericDelattr(m, name);
}

// ---- the Python class -------------------------------------------------------------------------

/** `torch.nn.Module`. Its dict is filled by module_methods.ts (imported by nn/index.ts). */
export const ModuleType: PyType = makeType('Module', [ObjectType], 'torch.nn.modules.module');
// A subclass may define its own __getattr__ (a wrapper forwarding to an inner module, typically
// calling super().__getattr__ first): it replaces Module.__getattr__ as the fallback of normal
// lookup. The Python-visible Module.__getattr__ (module_methods.ts) is the plain state lookup, so
// super() from the override does not come back here.
ModuleType.slots.getattr = (obj, name) => {
  const user = (obj as Module).cls.lookup('__getattr__');
  if (user !== undefined && user !== ModuleType.dict!.get('__getattr__') && user instanceof PyCallable) {
    return user.call([obj, name], null);
  }
  return moduleGetattr(obj, name);
};
ModuleType.slots.setattr = moduleSetattr;
ModuleType.slots.delattr = moduleDelattr;
ModuleType.slots.create = (cls) => new Module(cls);

export const isModule = (v: unknown): v is Module => v instanceof Module;

/** A PyError for `'{Class}' object has no attribute '{name}'` (Module.__getattr__'s text). */
export const noAttribute = (m: Module, name: string): PyError =>
  attributeError(`'${m.typeName}' object has no attribute '${name}'`);

export type { Tensor };
