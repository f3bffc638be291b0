// torch.nn.utils.parametrize (SEMANTICS §12), mirroring torch/nn/utils/parametrize.py: a
// parametrized tensor `weight` becomes a class property on a fresh per-instance subclass
// `Parametrized{Class}` whose getter runs the ParametrizationList held at
// `module.parametrizations.weight` on `original` (or `original0, original1, …`) and whose setter
// sends a value through every `right_inverse`, last registered first, into `original` with `set_`
// (same object, new storage). Registration computes everything before touching the module, so a
// failed check leaves it unchanged. `cached()` memoises the getter per (module, name) while active.
// Everything calls user Python (parametrizations are modules), so it is async.

import { PyError, runtimeError, valueError } from '../errors';
import {
  PyList, PyProperty, PyBuiltinFunction, PyTuple, PyType, type PyValue, call, callMethod, getattr, hasattr, setattr,
  typeOf,
} from '../python/object';
import { setGradEnabled } from '../tensor/grad';
import { Tensor, isParameter, makeParameter, sizeText } from './bridge';
import { construct } from './construct';
import { ModuleDictType, ModuleListType } from './layers/container';
import { defineMethod } from './layers/common';
import { Module, moduleDelattr, moduleSetattr } from './module';
import { pyStr } from './pyproto';

const MOD = 'torch.nn.utils.parametrize';

// ---- cached() -----------------------------------------------------------------------------------

let cacheEnabled = 0;
let cache = new Map<Module, Map<string, Tensor>>();

/** Enter a `cached()` block; returns the exit function (re-entrant: the outermost exit clears). */
export function enterCached(): () => void {
  cacheEnabled++;
  return () => {
    cacheEnabled--;
    if (!cacheEnabled) cache = new Map();
  };
}

// ---- helpers ------------------------------------------------------------------------------------

async function noGrad<T>(fn: () => Promise<T>): Promise<T> {
  const prev = setGradEnabled(false);
  try {
    return await fn();
  } finally {
    setGradEnabled(prev);
  }
}

const dtypeText = (t: Tensor): string => `torch.${t.dtype}`;
const sameShape = (a: Tensor, b: Tensor): boolean => a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
const tname = (v: PyValue): string => typeOf(v).name;

/** `dest.set_(src)`: dest keeps its identity and now aliases src's storage. */
export function setTensor(dest: Tensor, src: Tensor): void {
  dest.set_(src.storage, src.shape, src.strides, src.offset);
}

/** Elements of a collections.abc.Sequence (list, tuple, str), or null for anything else. */
function sequenceItems(v: PyValue): PyValue[] | null {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (typeof v === 'string') return [...v];
  return null;
}

async function registerParameterOrBuffer(m: Module, name: string, x: Tensor): Promise<void> {
  if (isParameter(x)) await callMethod(m, 'register_parameter', [name, x]);
  else await callMethod(m, 'register_buffer', [name, x]);
}

async function rightInverseOf(p: PyValue, value: PyValue, skipNotImplemented: boolean): Promise<{ ok: boolean; value: PyValue }> {
  try {
    return { ok: true, value: await callMethod(p, 'right_inverse', [value]) };
  } catch (e) {
    if (skipNotImplemented && e instanceof PyError && e.isInstanceOf('NotImplementedError')) return { ok: false, value };
    throw e;
  }
}

// ---- ParametrizationList ------------------------------------------------------------------------

export const ParametrizationListType: PyType = new PyType('ParametrizationList', [ModuleListType], new Map(), MOD);

const chain = (pl: Module): Module[] => [...pl.modules().values()] as Module[];
const isTensorList = (pl: Module): boolean => pl.dict!.get('is_tensor') === true;

defineMethod(ParametrizationListType, 'ParametrizationList.__init__(self, modules, original, unsafe=False)', async (self, v) => {
  const modules = sequenceItems(v[1]) ?? [];
  if (modules.length === 0) throw valueError('ParametrizationList requires one or more modules.');
  await call((ModuleListType.dict!.get('__init__') as PyBuiltinFunction), [self, new PyList(modules)]);
  const original = v[2] as Tensor;
  const unsafe = v[3] === true;
  await moduleSetattr(self, 'unsafe', unsafe);
  const originalShape = original.shape.slice();
  const originalDtype = original.dtype;
  let fresh: PyValue = original;
  await noGrad(async () => {
    for (const m of chain(self).reverse()) {
      if (await hasattr(m, 'right_inverse')) fresh = (await rightInverseOf(m, fresh, true)).value;
    }
  });
  const items = fresh instanceof Tensor ? null : sequenceItems(fresh);
  if (!(fresh instanceof Tensor) && items === null) {
    throw valueError(`'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got ${tname(fresh)}`);
  }
  await moduleSetattr(self, 'is_tensor', fresh instanceof Tensor);
  await moduleSetattr(self, 'ntensors', fresh instanceof Tensor ? 1 : items!.length);
  if (fresh instanceof Tensor) {
    if (original.dtype !== fresh.dtype) {
      throw valueError(
        'When `right_inverse` outputs one tensor, it may not change the dtype.\n' +
          `original.dtype: ${dtypeText(original)}\nright_inverse(original).dtype: ${dtypeText(fresh)}`,
      );
    }
    if (fresh.device !== original.device) {
      throw runtimeError(
        `Attempted to set the storage of a tensor on device "${original.device}" to a storage on different device "${fresh.device}".  This is no longer allowed; the devices must match.`,
      );
    }
    setTensor(original, fresh);
    await registerParameterOrBuffer(self, 'original', original);
  } else {
    for (let i = 0; i < items!.length; i++) {
      let oi = items![i];
      if (!(oi instanceof Tensor)) {
        throw valueError(
          `'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got element ${i} of the sequence with type ${tname(oi)}.`,
        );
      }
      if (isParameter(original)) oi = makeParameter(oi, original.requiresGrad);
      (oi as Tensor).requiresGrad = original.requiresGrad;
      await registerParameterOrBuffer(self, `original${i}`, oi as Tensor);
    }
  }
  if (!unsafe) {
    const z = await call(self, []);
    if (!(z instanceof Tensor)) throw valueError(`A parametrization must return a tensor. Got ${tname(z)}.`);
    if (z.dtype !== originalDtype) {
      throw valueError(
        'Registering a parametrization may not change the dtype of the tensor, unless `unsafe` flag is enabled.\n' +
          `unparametrized dtype: torch.${originalDtype}\nparametrized dtype: ${dtypeText(z)}`,
      );
    }
    if (z.shape.length !== originalShape.length || z.shape.some((d, i) => d !== originalShape[i])) {
      throw valueError(
        'Registering a parametrization may not change the shape of the tensor, unless `unsafe` flag is enabled.\n' +
          `unparametrized shape: ${sizeText(originalShape)}\nparametrized shape: ${sizeText(z.shape)}`,
      );
    }
  }
  return null;
});

/** ParametrizationList.right_inverse(value): the property setter's work. */
defineMethod(ParametrizationListType, 'ParametrizationList.right_inverse(self, value)', async (self, v) => {
  let value = v[1];
  await noGrad(async () => {
    for (const m of chain(self).reverse()) {
      if (!(await hasattr(m, 'right_inverse'))) {
        throw runtimeError(`parametrization ${m.typeName} does not implement right_inverse.`);
      }
      value = (await rightInverseOf(m, value, false)).value;
    }
    if (isTensorList(self)) {
      if (!(value instanceof Tensor)) throw valueError(`\`right_inverse\` should return a tensor. Got ${tname(value)}`);
      const original = (await getattr(self, 'original')) as Tensor;
      if (value.dtype !== original.dtype) {
        throw valueError(`The tensor returned by \`right_inverse\` has dtype ${dtypeText(value)} while \`original\` has dtype ${dtypeText(original)}`);
      }
      setTensor(original, value);
      return;
    }
    const items = sequenceItems(value);
    if (items === null) throw valueError(`'right_inverse' must return a sequence of tensors. Got ${tname(value)}.`);
    const n = self.dict!.get('ntensors') as number;
    if (items.length !== n) {
      throw valueError(`'right_inverse' must return a sequence of tensors of length ${n}. Got a sequence of length ${items.length}.`);
    }
    for (let i = 0; i < items.length; i++) {
      const oi = (await getattr(self, `original${i}`)) as Tensor;
      const t = items[i];
      if (!(t instanceof Tensor)) throw valueError(`\`right_inverse\` must return a sequence of tensors. Got element ${i} of type ${tname(t)}`);
      if (oi.dtype !== t.dtype) {
        throw valueError(`Tensor ${i} returned by \`right_inverse\` has dtype ${dtypeText(t)} while \`original${i}\` has dtype ${dtypeText(oi)}`);
      }
      setTensor(oi, t);
    }
  });
  return null;
});

defineMethod(ParametrizationListType, 'ParametrizationList.forward(self)', async (self) => {
  const ps = chain(self);
  let x: PyValue;
  if (isTensorList(self)) x = await call(ps[0], [await getattr(self, 'original')]);
  else {
    const n = self.dict!.get('ntensors') as number;
    const originals: PyValue[] = [];
    for (let i = 0; i < n; i++) originals.push(await getattr(self, `original${i}`));
    x = await call(ps[0], originals);
  }
  for (let i = 1; await hasattr(self, String(i)); i++) x = await call(self.modules().get(String(i))!, [x]);
  return x;
});

// ---- the injected class and property ------------------------------------------------------------

const SERIALIZATION_ERROR =
  'Serialization of parametrized modules is only supported through state_dict(). See:\n' +
  'https://pytorch.org/tutorials/beginner/saving_loading_models.html#saving-loading-a-general-checkpoint-for-inference-and-or-resuming-training';

function injectNewClass(m: Module): void {
  const cls = m.cls;
  const dict = new Map<string, PyValue>();
  dict.set('__getstate__', new PyBuiltinFunction('getstate', () => {
    throw runtimeError(SERIALIZATION_ERROR);
  }, 'getstate'));
  m.cls = new PyType(`Parametrized${cls.name}`, [cls], dict, MOD, `Parametrized${cls.name}`);
}

async function parametrizationsOf(m: PyValue): Promise<Module | null> {
  let p: PyValue;
  try {
    p = await getattr(m, 'parametrizations');
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) return null;
    throw e;
  }
  return p instanceof Module && p.cls.isSubtypeOf(ModuleDictType) ? p : null;
}

function injectProperty(m: Module, name: string): void {
  const get = async (self: PyValue): Promise<PyValue> => {
    const pl = (await parametrizationsOf(self))?.modules().get(name) as Module;
    if (cacheEnabled) {
      const key = self as Module;
      let per = cache.get(key);
      if (!per) cache.set(key, (per = new Map()));
      const hit = per.get(name);
      if (hit !== undefined) return hit;
      const t = (await call(pl, [])) as Tensor;
      per.set(name, t);
      return t;
    }
    return call(pl, []);
  };
  const set = async (self: PyValue, value: PyValue): Promise<void> => {
    const pl = (await parametrizationsOf(self))?.modules().get(name) as Module;
    await callMethod(pl, 'right_inverse', [value]);
  };
  m.cls.dict!.set(
    name,
    new PyProperty(
      new PyBuiltinFunction(name, (a) => get(a[0])),
      new PyBuiltinFunction(name, async (a) => (await set(a[0], a[1]), null)),
      null,
      name,
    ),
  );
}

// ---- the public functions -----------------------------------------------------------------------

export async function isParametrized(m: PyValue, name: PyValue = null): Promise<boolean> {
  const p = await parametrizationsOf(m);
  if (p === null) return false;
  return name === null ? p.modules().size > 0 : p.modules().has(name);
}

/** register_parametrization(module, tensor_name, parametrization, *, unsafe=False). */
export async function registerParametrization(m: Module, name: string, parametrization: PyValue, unsafe = false): Promise<Module> {
  await callMethod(parametrization, 'train', [m.training]);
  if (await isParametrized(m, name)) {
    if (!unsafe) await checkAppend(m, name, parametrization);
    const pl = (await parametrizationsOf(m))!.modules().get(name) as Module;
    await callMethod(pl, 'append', [parametrization]);
    await moduleSetattr(pl, 'unsafe', pl.dict!.get('unsafe') === true || unsafe);
  } else if (m._buffers?.has(name) || m._parameters?.has(name)) {
    const original = await getattr(m, name);
    const pl = await construct(ParametrizationListType, [new PyList([parametrization]), original], new Map([['unsafe', unsafe]]));
    await moduleDelattr(m, name);
    if (!(await isParametrized(m))) {
      injectNewClass(m);
      await setattr(m, 'parametrizations', await construct(ModuleDictType));
    }
    injectProperty(m, name);
    await callMethod(await getattr(m, 'parametrizations'), '__setitem__', [name, pl]);
  } else {
    throw valueError(`Module '${await pyStr(m)}' does not have a parameter, a buffer, or a parametrized element with name '${name}'`);
  }
  return m;
}

async function checkAppend(m: Module, name: string, p: PyValue): Promise<void> {
  const y = (await getattr(m, name)) as Tensor;
  const x = await call(p, [y]);
  if (!(x instanceof Tensor)) throw valueError(`A parametrization must return a tensor. Got ${tname(x)}.`);
  if (x.dtype !== y.dtype) {
    throw valueError(
      'Registering a parametrization may not change the dtype of the tensor, unless the `unsafe` flag is enabled.\n' +
        `module.${name}.dtype: ${dtypeText(y)}\nparametrization(module.${name}).dtype: ${dtypeText(x)}`,
    );
  }
  if (!sameShape(x, y)) {
    throw valueError(
      'Registering a parametrization may not change the shape of the tensor, unless the `unsafe` flag is enabled.\n' +
        `module.${name}.shape: ${sizeText(y.shape)}\nparametrization(module.${name}).shape: ${sizeText(x.shape)}`,
    );
  }
  if (!(await hasattr(p, 'right_inverse'))) return;
  const r = await rightInverseOf(p, x, true);
  if (!r.ok) return;
  const z = r.value;
  if (!(z instanceof Tensor)) throw valueError(`parametrization.right_inverse must return a tensor. Got: ${tname(z)}`);
  if (z.dtype !== y.dtype) {
    throw valueError(
      `The tensor returned by parametrization.right_inverse must have the same dtype as module.${name}, unless the \`unsafe\` flag is enabled.\n` +
        `module.${name}.dtype: ${dtypeText(y)}\nreturned dtype: ${dtypeText(z)}`,
    );
  }
  if (!sameShape(z, y)) {
    throw valueError(
      `The tensor returned by parametrization.right_inverse must have the same shape as module.${name}, unless the \`unsafe\` flag is enabled.\n` +
        `module.${name}.shape: ${sizeText(y.shape)}\nreturned shape: ${sizeText(z.shape)}`,
    );
  }
}

/** remove_parametrizations(module, tensor_name, leave_parametrized=True). */
export async function removeParametrizations(m: Module, name: string, leaveParametrized = true): Promise<Module> {
  if (!(await isParametrized(m, name))) {
    throw valueError(`Module ${await pyStr(m)} does not have a parametrization on ${name}`);
  }
  const pd = (await parametrizationsOf(m))!;
  const pl = pd.modules().get(name) as Module;
  let original: Tensor;
  if (isTensorList(pl)) {
    original = (await getattr(pl, 'original')) as Tensor;
    if (leaveParametrized) {
      const t = (await noGrad(() => getattr(m, name))) as Tensor;
      setTensor(original, t);
    }
  } else {
    if (!leaveParametrized) {
      throw valueError(
        'Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.',
      );
    }
    const t = (await getattr(m, name)) as Tensor;
    original = t.requiresGrad ? makeParameter(t, true) : t;
  }
  m.cls.dict!.delete(name);
  pd.modules().delete(name);
  await registerParameterOrBuffer(m, name, original);
  if (!(await isParametrized(m))) {
    await moduleDelattr(m, 'parametrizations');
    m.cls = m.cls.bases[0];
  }
  return m;
}

export async function typeBeforeParametrizations(m: Module): Promise<PyType> {
  return (await isParametrized(m)) ? m.cls.bases[0] : m.cls;
}
