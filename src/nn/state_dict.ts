// state_dict() and load_state_dict() (SEMANTICS §11.4, §6.7): the names-and-values view of a
// module that checkpoints use. state_dict walks modules without de-duplication (every alias name
// appears), skips None slots and non-persistent buffers, and detaches each entry separately (so
// two names of one Parameter become two objects — the reason functional_call(m, m.state_dict())
// trips the tie check). load_state_dict collects Missing/Unexpected/size-mismatch lines with
// PyTorch's wording (double quotes, trailing space) and copies values in place (or assigns).

import { PyError, runtimeError, typeError } from '../errors';
import {
  Builtins, PyBuiltinFunction, PyDict, PyList, PyTuple, PyType, type PyValue, call, callMethod, makeType, nativeProperty, typeOf,
} from '../python/object';
import { Tensor, copyNoGrad, detach, isParameter, isTensor, makeParameter, sizeText } from './bridge';
import { Module, ModuleType, moduleSetattr } from './module';
import { RECURSION_LIMIT, recursionError } from './names';
import { orderedDict } from './ordered_dict';
import { pyRepr, pyStr } from './pyproto';

const EXTRA_STATE = '_extra_state';

/** True if the module's class overrides `name` (e.g. get_extra_state) below nn.Module. */
function overrides(m: Module, name: string): boolean {
  const own = m.cls.lookup(name);
  return own !== undefined && own !== ModuleType.dict!.get(name);
}

/** Dicts made by state_dict(): PyTorch attaches `_metadata` (module versions) to them, and
 * load_state_dict only applies backward-compatibility fixes to dicts without it. */
const withMetadata = new WeakSet<PyDict>();

/** `state_dict(destination=None, prefix='', keep_vars=False)`. */
export async function stateDict(m: Module, prefix = '', keepVars = false, dest: PyDict = orderedDict(), depth = 0): Promise<PyDict> {
  if (depth >= RECURSION_LIMIT) throw recursionError();
  if (depth === 0) withMetadata.add(dest);
  for (const h of [...m.stateDictPreHooks.values()]) await call(h, [m, prefix, keepVars]);
  for (const [name, p] of m._parameters?.entries() ?? []) {
    if (p !== null) dest.set(prefix + (name as string), keepVars ? p : detach(p as Tensor));
  }
  for (const [name, b] of m._buffers?.entries() ?? []) {
    if (b !== null && m.isPersistent(name as string)) dest.set(prefix + (name as string), keepVars ? b : detach(b as Tensor));
  }
  if (overrides(m, 'get_extra_state')) dest.set(prefix + EXTRA_STATE, await callMethod(m, 'get_extra_state', []));
  for (const [name, child] of m._modules?.entries() ?? []) {
    if (child instanceof Module) await stateDict(child, `${prefix}${name as string}.`, keepVars, dest, depth + 1);
  }
  for (const h of [...m.stateDictPostHooks.values()]) {
    if ((await call(h, [m, dest, prefix, new PyDict()])) !== null) throw runtimeError('state_dict post-hook must return None');
  }
  return dest;
}

// ---- load_state_dict ---------------------------------------------------------------------------

/** `torch.nn.modules.module._IncompatibleKeys`: a namedtuple (missing_keys, unexpected_keys) whose
 * repr is `<All keys matched successfully>` when both are empty. */
export const IncompatibleKeysType: PyType = makeType('_IncompatibleKeys', [Builtins.tuple], 'torch.nn.modules.module');
export type IncompatibleKeys = PyTuple;
const field = (i: number) => (s: PyValue) => (s as PyTuple).items[i];
IncompatibleKeysType.dict!.set('missing_keys', nativeProperty('missing_keys', field(0)));
IncompatibleKeysType.dict!.set('unexpected_keys', nativeProperty('unexpected_keys', field(1)));
IncompatibleKeysType.dict!.set(
  '__repr__',
  new PyBuiltinFunction('__repr__', async (a) => {
    const [missing, unexpected] = (a[0] as PyTuple).items as PyList[];
    if (!missing.items.length && !unexpected.items.length) return '<All keys matched successfully>';
    return `_IncompatibleKeys(missing_keys=${await pyRepr(missing)}, unexpected_keys=${await pyRepr(unexpected)})`;
  }),
);

interface LoadCtx {
  /** Live Python lists: load_state_dict hooks receive (and may edit) these very objects. */
  missingList: PyList;
  unexpectedList: PyList;
  errorList: PyList;
  assign: boolean;
  /** The dict had no `_metadata` (module version None): BatchNorm fills a missing num_batches_tracked. */
  noMetadata: boolean;
}

/** _BatchNorm._load_from_state_dict's version<2 fix: a missing num_batches_tracked is taken from the
 * module itself rather than reported missing. */
function batchNormCompat(m: Module, sd: PyDict, prefix: string, ctx: LoadCtx): void {
  if (!ctx.noMetadata || !m.cls.mro.some((t) => t.module === 'torch.nn.modules.batchnorm')) return;
  const track = m.dict!.get('track_running_stats');
  if (track !== true) return;
  const key = `${prefix}num_batches_tracked`;
  if (sd.has(key)) return;
  const own = m._buffers?.get('num_batches_tracked');
  sd.set(key, own instanceof Tensor ? own : Tensor.empty([], 'int64'));
}

async function loadFromStateDict(m: Module, sd: PyDict, prefix: string, ctx: LoadCtx): Promise<void> {
  for (const h of [...m.loadPreHooks.values()]) {
    await call(h, [m, sd, prefix, new PyDict(), true, ctx.missingList, ctx.unexpectedList, ctx.errorList]);
  }
  batchNormCompat(m, sd, prefix, ctx);
  const local = new Map<string, Tensor>();
  for (const [k, v] of m._parameters?.entries() ?? []) if (v !== null) local.set(k as string, v as Tensor);
  for (const [k, v] of m._buffers?.entries() ?? []) {
    if (v !== null && m.isPersistent(k as string)) local.set(k as string, v as Tensor);
  }
  for (const [name, param] of local) {
    const key = prefix + name;
    if (!sd.has(key)) {
      (ctx.missingList.items as string[]).push(key);
      continue;
    }
    const input = sd.get(key)!;
    if (!isTensor(input)) {
      (ctx.errorList.items as string[]).push(
        `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${await pyStr(typeOf(input))}`,
      );
      continue;
    }
    let src: Tensor = input;
    // Backward compatibility: a 1-element 1-d checkpoint tensor loads into a 0-d parameter.
    if (param.shape.length === 0 && src.shape.length === 1) src = src.makeView([], [], src.offset);
    if (src.shape.length !== param.shape.length || src.shape.some((d, i) => d !== param.shape[i])) {
      (ctx.errorList.items as string[]).push(
        `size mismatch for ${key}: copying a param with shape ${sizeText(src.shape)} from checkpoint, the shape in current model is ${sizeText(param.shape)}.`,
      );
      continue;
    }
    if (ctx.assign) {
      let v = src;
      if (isParameter(param)) {
        if (!isParameter(v)) v = makeParameter(v, param.requiresGrad);
        else v.requiresGrad = param.requiresGrad;
      }
      await moduleSetattr(m, name, v);
    } else {
      copyNoGrad(param, src);
    }
  }
  for (const key of sd.keys()) {
    const k = key as string;
    if (!k.startsWith(prefix) || k === prefix + EXTRA_STATE) continue;
    const rest = k.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot >= 0) {
      if (!m._modules?.has(rest.slice(0, dot))) (ctx.unexpectedList.items as string[]).push(k);
    } else if (!local.has(rest)) (ctx.unexpectedList.items as string[]).push(k);
  }
}

/** `load_state_dict(state_dict, strict=True, assign=False)`. */
export async function loadStateDict(m: Module, stateDict: PyValue, strict = true, assign = false): Promise<PyTuple> {
  if (!(stateDict instanceof PyDict)) {
    throw typeError(`Expected state_dict to be dict-like, got ${await pyStr(typeOf(stateDict))}.`);
  }
  const ctx: LoadCtx = { missingList: new PyList(), unexpectedList: new PyList(), errorList: new PyList(), assign, noMetadata: !withMetadata.has(stateDict) };
  const load = async (mod: Module, local: PyDict, prefix: string): Promise<void> => {
    await loadFromStateDict(mod, local, prefix, ctx);
    for (const [name, child] of mod._modules?.entries() ?? []) {
      if (!(child instanceof Module)) continue;
      const childPrefix = `${prefix}${name as string}.`;
      const sub = new PyDict();
      for (const [k, v] of local.entries()) if ((k as string).startsWith(childPrefix)) sub.set(k, v);
      await load(child, sub, childPrefix);
    }
    // Post-hooks see (and may edit) the live missing/unexpected lists.
    for (const h of [...mod.loadPostHooks.values()]) {
      const keys = new PyTuple([ctx.missingList, ctx.unexpectedList], IncompatibleKeysType);
      if ((await call(h, [mod, keys])) !== null) {
        throw new PyError(
          'AssertionError',
          'Hooks registered with ``register_load_state_dict_post_hook`` are not expected to return new values, if incompatible_keys need to be modified, it should be done inplace.',
        );
      }
    }
  };
  await load(m, PyDict.fromEntries(stateDict.entries()), '');
  const missing = ctx.missingList.items as string[];
  const unexpected = ctx.unexpectedList.items as string[];
  const errors = [...(ctx.errorList.items as string[])];
  if (strict) {
    const q = (xs: string[]): string => xs.map((k) => `"${k}"`).join(', ');
    if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${q(unexpected)}. `);
    if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${q(missing)}. `);
  }
  if (errors.length) {
    throw runtimeError(`Error(s) in loading state_dict for ${m.typeName}:\n\t${errors.join('\n\t')}`);
  }
  return new PyTuple([new PyList([...missing]), new PyList([...unexpected])], IncompatibleKeysType);
}
