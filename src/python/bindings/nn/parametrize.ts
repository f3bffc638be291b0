// The Python functions of torch.nn.utils.parametrize: register_parametrization, is_parametrized,
// remove_parametrizations, type_before_parametrizations, cached() (a re-entrant context manager)
// and the ParametrizationList class — thin argument-binding wrappers over nn/parametrize.ts.

import { typeError } from '../../../errors';
import { Module } from '../../../nn/module';
import {
  ParametrizationListType, enterCached, isParametrized, registerParametrization, removeParametrizations,
  typeBeforeParametrizations,
} from '../../../nn/parametrize';
import { PyBuiltinFunction, PyObject, type KwArgs, type PyValue, getattr, hasattr, makeType, setattr } from '../../object';
import { getitem } from '../../builtins/ops';
import { makeParameter } from '../../../nn/bridge';
import type { Tensor } from '../../../tensor/tensor';
import { binder } from '../args';

const truthy = (v: PyValue): boolean => !(v === null || v === false || v === 0 || v === '');

function mod(v: PyValue, fn: string): Module {
  if (v instanceof Module) return v;
  throw typeError(`${fn}() argument 'module' must be an nn.Module`);
}

/** contextlib's _GeneratorContextManager stand-in for `with parametrize.cached():`. */
const CachedType = makeType('_GeneratorContextManager', undefined, 'contextlib');
class CachedCM extends PyObject {
  exit: (() => void) | null = null;
  constructor() {
    super(CachedType, null);
  }
}
CachedType.dict!.set('__enter__', new PyBuiltinFunction('__enter__', (a) => {
  (a[0] as CachedCM).exit = enterCached();
  return null;
}));
CachedType.dict!.set('__exit__', new PyBuiltinFunction('__exit__', (a) => {
  const cm = a[0] as CachedCM;
  cm.exit?.();
  cm.exit = null;
  return false;
}));

export function parametrizeFunctions(): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  const def = (sig: string, fn: (v: PyValue[]) => PyValue | Promise<PyValue>) => {
    const bind = binder(sig);
    const name = sig.slice(0, sig.indexOf('('));
    out.set(name, new PyBuiltinFunction(name, (args: PyValue[], kwargs: KwArgs) => fn(bind(args, kwargs).values), name));
  };
  def('register_parametrization(module, tensor_name, parametrization, *, unsafe=False)', (v) =>
    registerParametrization(mod(v[0], 'register_parametrization'), v[1] as string, v[2], truthy(v[3])),
  );
  def('is_parametrized(module, tensor_name=None)', (v) => isParametrized(v[0], v[1]));
  def('remove_parametrizations(module, tensor_name, leave_parametrized=True)', (v) =>
    removeParametrizations(mod(v[0], 'remove_parametrizations'), v[1] as string, truthy(v[2])),
  );
  def('type_before_parametrizations(module)', (v) => typeBeforeParametrizations(mod(v[0], 'type_before_parametrizations')));
  def('transfer_parametrizations_and_params(from_module, to_module, tensor_name=None)', (v) =>
    transferParametrizationsAndParams(mod(v[0], 'transfer_parametrizations_and_params'), mod(v[1], 'transfer_parametrizations_and_params'), v[2]),
  );
  def('cached()', () => new CachedCM());
  out.set('ParametrizationList', ParametrizationListType);
  return out;
}

/** parametrize.transfer_parametrizations_and_params, step for step as PyTorch 2.6 writes it: a
 * missing tensor on `to` is created as a Parameter of the parametrized value, each
 * parametrization object is registered on `to` (the same objects: shared), then the originals are
 * assigned — `to`'s original(s) become the very Parameters of `from` (tied). */
async function transferParametrizationsAndParams(from: Module, to: Module, tensorName: PyValue): Promise<Module> {
  if (!(await isParametrized(from))) return to;
  const fromParams = (await getattr(from, 'parametrizations')) as Module;
  const names = tensorName === null ? [...fromParams.modules().keys()] : [tensorName];
  for (const name of names) {
    const n = String(name);
    if (!(await hasattr(to, n))) await setattr(to, n, makeParameter((await getattr(from, n)) as Tensor, true));
    const list = (await getitem(fromParams, n)) as Module;
    for (const f of [...list.modules().values()]) await registerParametrization(to, n, f);
    const toList = (await getitem((await getattr(to, 'parametrizations')) as Module, n)) as Module;
    if (await hasattr(list, 'original')) await setattr(toList, 'original', await getattr(list, 'original'));
    else {
      for (let k = 0; await hasattr(list, `original${k}`); k++) await setattr(toList, `original${k}`, await getattr(list, `original${k}`));
    }
  }
  return to;
}
