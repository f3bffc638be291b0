// What a pickle of an object graph would reference by name — its "globals" (classes of instances,
// classes and functions stored as values) — and the two checks built on them: torch.load's
// weights_only unpickler (PyTorch 2.6's default), which refuses every global outside its allowlist
// and the script's torch.serialization.add_safe_globals, and pickling's refusal of lambdas and
// local functions at save time. Also the `_pickle` exception classes both raise.
//
// The graph is walked in pickle's order (an instance's class before its state, a dict's keys and
// values in order), so the first global named in an error is the one PyTorch names.

import { PyError } from '../../../../errors';
import {
  type PyValue, Builtins, Ellipsis, PyBuiltinFunction, PyCallable, PyDict, PyFloat, PyList, PyModule, PyObject, PySet, PyTuple, PyType,
  instanceDict, typeOf,
} from '../../../object';
import { exceptionType } from '../../../builtins/exceptions';
import { repr } from '../../../builtins/repr';
import { raise } from '../../../stdlib/native';
import { type Runtime, rt } from '../../../interp/runtime';
import { PyFunction } from '../../../interp/function';
import { Tensor } from '../../../../tensor/tensor';
import { TorchDtype } from '../types/dtype';
import { LayoutType, MemoryFormatType, NamedSingleton, TorchDevice } from '../types/device';
import { SizeType } from '../types/size';

// ---- _pickle's exception classes -------------------------------------------------------------

export const PickleError: PyType = makeExc('PickleError', exceptionType('Exception'));
export const PicklingError: PyType = makeExc('PicklingError', PickleError);
export const UnpicklingError: PyType = makeExc('UnpicklingError', PickleError);
function makeExc(name: string, base: PyType): PyType {
  return new PyType(name, [base], new Map(), '_pickle', name, base.cls);
}

// ---- globals -----------------------------------------------------------------------------------

/** A name a pickle would store: `module.qualname` (what GLOBAL opcodes carry) and `__name__`. */
export interface GlobalRef {
  value: PyValue;
  module: string;
  qualname: string;
  name: string;
}

function globalOf(v: PyValue): GlobalRef {
  if (v instanceof PyType) return { value: v, module: v.module, qualname: v.qualname, name: v.name };
  if (v instanceof PyFunction) return { value: v, module: v.module, qualname: v.qualname, name: v.name };
  if (v instanceof PyBuiltinFunction) return { value: v, module: nativeModuleOf(v), qualname: v.name, name: v.name };
  if (v === Ellipsis) return { value: v, module: 'builtins', qualname: 'Ellipsis', name: 'Ellipsis' };
  const c = v as PyCallable;
  return { value: v, module: 'builtins', qualname: c.name ?? typeOf(v).name, name: c.name ?? typeOf(v).name };
}

/** The module a native function belongs to: the imported module that holds it (math.sqrt), else
 * builtins — pickle names it by module and name the same way. */
function nativeModuleOf(f: PyBuiltinFunction): string {
  for (const [name, m] of rt().modules) {
    if (m instanceof PyModule && m.dict?.get(f.name) === f) return name;
  }
  return 'builtins';
}

/** dict subclasses the weights_only unpickler rebuilds itself (OrderedDict, Counter). */
const ALLOWED_DICTS = new Set(['collections.OrderedDict', 'collections.Counter']);

/**
 * Visit, in pickle order, every global the pickle of `root` would reference that is not one of
 * torch's own reconstruction helpers (tensors, Parameters, dtypes, devices, torch.Size and
 * OrderedDict are always allowed, as the weights_only allowlist has them).
 */
function walkGlobals(root: PyValue, visit: (g: GlobalRef) => void): void {
  const seen = new Set<unknown>();
  const walk = (v: PyValue): void => {
    if (v === null || typeof v !== 'object' || v instanceof PyFloat) return;
    if (seen.has(v)) return;
    seen.add(v);
    if (v instanceof Tensor) {
      if (v.pyDict) for (const x of v.pyDict.values()) walk(x as PyValue);
      return;
    }
    if (v instanceof TorchDtype || v instanceof TorchDevice) return;
    if (v === Ellipsis) {
      visit(globalOf(v));
      return;
    }
    if (v instanceof NamedSingleton) {
      // torch.strided pickles as itself; a memory format pickles as getattr(torch, name).
      if (v.cls === MemoryFormatType) visit(globalOf(getattrBuiltin()));
      else if (v.cls !== LayoutType) visit(globalOf(v.cls));
      return;
    }
    if (v instanceof PyList) {
      if (typeOf(v) !== Builtins.list) visit(globalOf(typeOf(v)));
      for (const x of v.items) walk(x);
      return;
    }
    if (v instanceof PyTuple) {
      if (v.cls !== null && v.cls !== SizeType) visit(globalOf(v.cls));
      for (const x of v.items) walk(x);
      return;
    }
    if (v instanceof PyDict) {
      if (v.cls !== null && !ALLOWED_DICTS.has(`${v.cls.module}.${v.cls.name}`)) visit(globalOf(v.cls));
      for (const [k, x] of v.entries()) {
        walk(k);
        walk(x);
      }
      return;
    }
    if (v instanceof PySet) {
      if (v.frozen) visit(globalOf(Builtins.frozenset));
      for (const x of v.values()) walk(x);
      return;
    }
    if (v instanceof PyType || v instanceof PyCallable) {
      visit(globalOf(v));
      return;
    }
    // Any other object: its class, then its state.
    visit(globalOf(typeOf(v)));
    const d = v instanceof PyObject ? instanceDict(v) : null;
    if (d) for (const x of d.values()) walk(x);
  };
  walk(root);
}

let getattrFn: PyValue = null;
const getattrBuiltin = (): PyValue => (getattrFn ??= new PyBuiltinFunction('getattr', () => null, 'getattr'));

// ---- save: what pickle cannot reference by name -------------------------------------------------

/** Pickle stores functions and classes by name, so a lambda or a function/class defined inside a
 * function cannot be saved: CPython's PicklingError / AttributeError. */
export async function checkPicklable(root: PyValue): Promise<void> {
  let bad: GlobalRef | null = null;
  walkGlobals(root, (g) => {
    if (bad === null && (g.qualname.includes('<lambda>') || g.qualname.includes('<locals>'))) bad = g;
  });
  if (bad === null) return;
  const g: GlobalRef = bad;
  if (g.qualname.includes('<locals>')) throw new PyError('AttributeError', `Can't get local object '${g.qualname}'`);
  raise(PicklingError, `Can't pickle ${await repr(g.value)}: attribute lookup ${g.qualname} on ${g.module} failed`);
}

// ---- load: the weights_only allowlist --------------------------------------------------------------

const safeGlobals = new WeakMap<Runtime, PyValue[]>();

/** The run's torch.serialization safe globals (add_safe_globals / safe_globals). */
export function safeGlobalsList(): PyValue[] {
  const run = rt();
  let l = safeGlobals.get(run);
  if (l === undefined) safeGlobals.set(run, (l = []));
  return l;
}

/** PyTorch 2.6's _get_wo_message for an unsupported GLOBAL (torch/serialization.py). */
function weightsOnlyMessage(g: GlobalRef): string {
  const inner =
    `Unsupported global: GLOBAL ${g.module}.${g.qualname} was not an allowed global by default. ` +
    `Please use \`torch.serialization.add_safe_globals([${g.name}])\` or the ` +
    `\`torch.serialization.safe_globals([${g.name}])\` context manager to allowlist this global if you trust this class/function.`;
  return (
    'Weights only load failed. This file can still be loaded, to do so you have two options, ' +
    '\x1b[1mdo those steps only if you trust the source of the checkpoint\x1b[0m. ' +
    '\n\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. ' +
    'Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. ' +
    'Do it only if you got the file from a trusted source.' +
    '\n\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.' +
    '\n\tWeightsUnpickler error: ' + inner +
    '\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only ' +
    'https://pytorch.org/docs/stable/generated/torch.load.html.'
  );
}

/** Refuse (UnpicklingError) the first global of `root` that weights_only=True does not allow. */
export function checkWeightsOnly(root: PyValue): void {
  const allowed = safeGlobalsList();
  let bad: GlobalRef | null = null;
  walkGlobals(root, (g) => {
    if (bad === null && !allowed.includes(g.value)) bad = g;
  });
  if (bad !== null) raise(UnpicklingError, weightsOnlyMessage(bad));
}
