// torch.func.functional_call and torch.nn.utils.stateless.functional_call (SEMANTICS §1-§9): run a
// module with some of its parameters/buffers replaced for one call. The pipeline, in PyTorch's
// order (the first failing step raises; later steps do not run):
//   (stateless: FutureWarning) → normalize the state argument (torch.func) → guards → args/kwargs
//   → tie expansion → strict → swap-in (accessor.ts) → module(*args, **kwargs) → restore (always)
//   → write-back into the user's mapping → return forward's result or re-raise its exception.
// Each step reports to an optional TraceRecorder (trace.ts); without one nothing is recorded.

import { PyError, keyError, pyStrRepr, runtimeError, typeError, valueError } from '../errors';
import { MISSING, PyDict, PyList, PySet, PyTuple, type PyValue, call, callMethod, hashKey, typeOf } from '../python/object';
import { Accessor, MISSING_SENTINEL, mappingItems } from './accessor';
import type { Tensor } from './bridge';
import { Module, ModuleType } from './module';
import { iterValues } from './layers/container';
import { allStateNames, hasSharedTensors } from './names';
import { protocols, pyRepr } from './pyproto';
import type { CallPhase, TraceRecorder } from './trace';

export interface FunctionalCallOptions {
  tieWeights?: boolean;
  strict?: boolean;
  /** Record what the call did (trace.ts). Omit for no recording at all. */
  trace?: TraceRecorder;
  /** stateless only: the FutureWarning was already issued by the caller (the Python binding warns
   * before binding its arguments, as PyTorch's @deprecated wrapper does). */
  warned?: boolean;
}

export const STATELESS_WARNING =
  '`torch.nn.utils.stateless.functional_call` is deprecated as of PyTorch 2.0 and will be removed in a future ' +
  'version of PyTorch. Please use `torch.func.functional_call` instead which is a drop-in replacement.';

// ---- §3 the state argument ----------------------------------------------------------------------

async function seqLen(x: PyValue): Promise<number | null> {
  const name = typeOf(x).mro.map((t) => t.name);
  if (name.includes('range') || name.includes('bytes') || name.includes('bytearray')) {
    const n = await callMethod(x, '__len__', []);
    return typeof n === 'number' ? n : null;
  }
  return null;
}

/** torch.func's normalization: a dict is used as is; a list/tuple (any Sequence) of dicts is merged. */
export function normalizeState(x: PyValue): PyDict | Promise<PyDict> {
  if (x instanceof PyDict) return x;
  return normalizeSequence(x);
}

async function normalizeSequence(x: PyValue): Promise<PyDict> {
  let items: readonly PyValue[] | null = null;
  if (x instanceof PyList || x instanceof PyTuple) items = x.items;
  else if (typeof x === 'string') items = [...x];
  else {
    const n = await seqLen(x);
    if (n !== null) {
      if (n > 0) throw valueError('Expected all elements of parameter_and_buffer_dicts to be dictionaries');
      items = [];
    }
  }
  if (items === null) {
    throw valueError(
      `Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of dicts, but got ${await pyRepr(typeOf(x))}`,
    );
  }
  if (!items.every((d) => d instanceof PyDict)) {
    throw valueError('Expected all elements of parameter_and_buffer_dicts to be dictionaries');
  }
  const dicts = items as PyDict[];
  const counts = new PyDict();
  for (const d of dicts) for (const k of d.keys()) counts.set(k, ((counts.get(k) as number | undefined) ?? 0) + 1);
  const repeated = [...counts.entries()].filter(([, n]) => (n as number) > 1).map(([k]) => k);
  if (repeated.length) {
    throw valueError(
      `${await pyRepr(new PyList(repeated))} appeared in multiple dictionaries; behavior of functional call is ambiguous`,
    );
  }
  const merged = new PyDict();
  for (const d of dicts) for (const [k, v] of d.entries()) merged.set(k, v);
  return merged;
}

// ---- §5 tie expansion ---------------------------------------------------------------------------

function moduleOf(m: PyValue, method: string): Module {
  if (m instanceof Module) return m;
  throw new PyError('AttributeError', `'${typeOf(m).name}' object has no attribute '${method}'`);
}

/** `_untie_named_tensors_map`: check tied keys for conflicting values and fill in every alias. */
export function untie(module: PyValue, p: PyValue, rec?: TraceRecorder, state?: StateNames): PyDict {
  const m = moduleOf(module, 'named_parameters');
  // Fast path: no tensor sits in two slots, so there are no groups (same walk, no names built).
  if (rec === undefined && state === undefined && !hasSharedTensors(m)) {
    if (!(p instanceof PyDict)) throw new PyError('AttributeError', `'${typeOf(p).name}' object has no attribute 'keys'`);
    // No ties: PyTorch's copy would equal `p`, and nothing reads the dict after the swap-in
    // snapshots its items (as with tie_weights=False), so `p` itself serves.
    return p;
  }
  const { names, tensors } = state ?? allStateNames(m);
  const byTensor = new Map<Tensor, string[]>();
  for (let i = 0; i < names.length; i++) {
    const g = byTensor.get(tensors[i]);
    if (g === undefined) byTensor.set(tensors[i], [names[i]]);
    else if (!g.includes(names[i])) g.push(names[i]);
  }
  const tiedOf = new Map<string, string[]>();
  const groups: string[][] = [];
  for (const g of byTensor.values()) {
    if (g.length < 2) continue;
    groups.push(g);
    for (const n of g) tiedOf.set(n, g);
  }
  rec?.tieGroups(groups);
  if (!(p instanceof PyDict)) throw new PyError('AttributeError', `'${typeOf(p).name}' object has no attribute 'keys'`);
  const u = copyDict(p);
  if (groups.length === 0) return u;
  const givenTied: string[] = [];
  for (const k of p.keys()) if (typeof k === 'string' && tiedOf.has(k)) givenTied.push(k);
  const givenSet = new Set(givenTied);
  for (const g of givenTied) {
    const group = tiedOf.get(g)!;
    if (group.filter((n) => givenSet.has(n)).length <= 1) continue;
    const values = new PySet();
    for (const n of group) {
      if (!p.has(n)) throw keyError(n);
      values.add(p.get(n)!);
    }
    if (values.size !== 1) {
      const sorted = [...group].sort();
      throw valueError(
        `functional_call got multiple values for keys [${sorted.map((k) => pyStrRepr(k)).join(', ')}], which are tied. Consider using tie_weights=False`,
      );
    }
  }
  for (const g of givenTied) {
    for (const t of tiedOf.get(g)!) {
      const added = !u.has(t);
      u.set(t, p.get(g)!);
      if (rec && t !== g) rec.expanded(t, g, added);
    }
  }
  return u;
}

// ---- a user's named_parameters / named_buffers ---------------------------------------------------

type StateNames = { names: string[]; tensors: Tensor[] };

/** True when the module's class overrides named_parameters or named_buffers: PyTorch's tie
 * detection and strict check call them (with remove_duplicate=False), so they must run. */
function namingOverridden(m: Module): boolean {
  // One pass down the MRO, stopping at nn.Module (cheap: this runs on every call).
  for (const t of m.cls.mro) {
    if (t === ModuleType) return false;
    const d = t.dict!;
    if (d.has('named_parameters') || d.has('named_buffers')) return true;
  }
  return false;
}

/** `dict(m.named_parameters(remove_duplicate=False))` updated with the buffers, through Python. */
async function stateThroughPython(m: Module): Promise<StateNames> {
  const all = new Map<string, Tensor>();
  const kw = new Map<string, PyValue>([['remove_duplicate', false]]);
  for (const method of ['named_parameters', 'named_buffers']) {
    for (const item of await iterValues(await callMethod(m, method, [], kw))) {
      const pair = item instanceof PyTuple || item instanceof PyList ? item.items : [];
      if (pair.length !== 2) throw valueError('dictionary update sequence element has wrong length');
      all.set(String(pair[0]), pair[1] as Tensor);
    }
  }
  return { names: [...all.keys()], tensors: [...all.values()] };
}

// ---- §6 strict ----------------------------------------------------------------------------------

export function checkStrict(module: PyValue, u: PyDict, rec?: TraceRecorder, state?: StateNames): void {
  const m = moduleOf(module, 'named_parameters');
  const valid = new Set((state ?? allStateNames(m)).names);
  const given = new Set<string>();
  for (const k of u.keys()) given.add(String(k));
  const missing = [...valid].filter((k) => !given.has(k)).sort(codePointCompare);
  const unexpected = [...given].filter((k) => !valid.has(k)).sort(codePointCompare);
  rec?.strictVerdict(missing, unexpected);
  const lines: string[] = [];
  const q = (xs: string[]): string => xs.map((k) => pyStrRepr(k)).join(', ');
  if (unexpected.length) lines.push(`Unexpected key(s): ${q(unexpected)}.`);
  if (missing.length) lines.push(`Missing key(s): ${q(missing)}.`);
  if (lines.length) throw runtimeError(`Error(s) in reparametrizing for ${m.typeName}:\n\t${lines.join('\n\t')}`);
}

const codePointCompare = (a: string, b: string): number => {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
};

// ---- §4 args / kwargs ---------------------------------------------------------------------------

/** `args`: None → (), a tuple (or tuple subclass) → unpacked, anything else → one argument. */
export function normalizeArgs(args: PyValue): PyValue[] {
  if (args === null) return [];
  if (args instanceof PyTuple) return [...args.items];
  return [args];
}

async function kwargsOf(module: PyValue, kwargs: PyValue): Promise<Map<string, PyValue> | null> {
  if (kwargs === null) return null;
  if (!(kwargs instanceof PyDict)) {
    throw typeError(`${typeOf(module).name}() argument after ** must be a mapping, not ${typeOf(kwargs).name}`);
  }
  if (kwargs.size === 0) return null;
  const out = new Map<string, PyValue>();
  for (const [k, v] of kwargs.entries()) {
    if (typeof k !== 'string') throw typeError('keywords must be strings');
    out.set(k, v);
  }
  return out;
}

// ---- the call -----------------------------------------------------------------------------------

function fail(rec: TraceRecorder | undefined, phase: CallPhase, e: unknown): never {
  rec?.error(phase, e);
  throw e;
}

/**
 * `stateless._functional_call(module, parameters_and_buffers, args, kwargs, *, tie_weights, strict)`:
 * the shared core (no normalization, no warning). `p` is the user's mapping (write-back target).
 */
export async function reparametrizedCall(
  module: PyValue,
  p: PyValue,
  args: PyValue,
  kwargs: PyValue,
  opts: FunctionalCallOptions = {},
): Promise<PyValue> {
  // §4 guards: no JIT exists in this engine; DataParallel is recognised by its class.
  if (module instanceof Module && module.cls.mro.some((t) => t.name === 'DataParallel' && t.module.startsWith('torch.nn'))) {
    opts.trace?.start(opts.tieWeights ?? true, opts.strict ?? false);
    fail(opts.trace, 'normalize', runtimeError("The stateless API can't be used with nn.DataParallel module"));
  }
  const posArgs = normalizeArgs(args);
  return withReparametrized(module, p, opts, async () => call(module, posArgs, await kwargsOf(module, kwargs)));
}

/**
 * `with _reparametrize_module(module, p, tie_weights=…, strict=…): body()` — tie expansion, strict,
 * swap-in, the body (the forward, or nothing for the bench's "swap only"), restore, write-back.
 */
export async function withReparametrized<T>(
  module: PyValue,
  p: PyValue,
  opts: FunctionalCallOptions,
  body: () => Promise<T>,
): Promise<T> {
  const tie = opts.tieWeights ?? true;
  const strict = opts.strict ?? false;
  const rec = opts.trace;
  if (rec) {
    rec.start(tie, strict);
    if (p instanceof PyDict) rec.keys([...p.keys()]);
  }
  let u: PyValue;
  const custom = module instanceof Module && namingOverridden(module);
  try {
    u = tie ? untie(module, p, rec, custom ? await stateThroughPython(module as Module) : undefined) : p;
  } catch (e) {
    fail(rec, 'tie', e);
  }
  if (strict) {
    try {
      checkStrict(module, u as PyDict, rec, custom ? await stateThroughPython(module as Module) : undefined);
    } catch (e) {
      fail(rec, 'strict', e);
    }
  }
  const acc = new Accessor(moduleOf(module, 'named_parameters'));
  let orig: [PyValue, PyValue | typeof MISSING][];
  try {
    const r = acc.swapDict(mappingItems(u), rec, 'swap');
    orig = r instanceof Promise ? await r : r;
  } catch (e) {
    fail(rec, 'swap', e);
  }
  if (rec) {
    const st = allStateNames(acc.module);
    rec.watchState(st.names, st.tensors);
  }
  let result: T | undefined;
  let error: unknown = undefined;
  try {
    result = await body();
    rec?.forwardDone(true);
  } catch (e) {
    error = e;
    rec?.forwardDone(false);
    rec?.error('forward', e);
  }
  // __exit__: restore in insertion order; a failing restore replaces the forward's exception.
  let back: [PyValue, PyValue | typeof MISSING][];
  try {
    const r = acc.swapDict(orig, rec, 'restore');
    back = r instanceof Promise ? await r : r;
  } catch (e) {
    rec?.restored(false);
    // Python chains the forward's exception as the restore error's __context__.
    if (error !== undefined) protocols.chainContext(e, error);
    rec?.error('restore', e, true);
    throw e;
  }
  rec?.restored(true);
  writeBack(p as PyDict, back, rec);
  if (error !== undefined) throw error;
  return result as T;
}

/** `dict.copy()`: same keys, values and order (entries are copied, not shared). */
function copyDict(p: PyDict): PyDict {
  const u = new PyDict();
  for (const [h, e] of p.map) u.map.set(h, { key: e.key, value: e.value });
  return u;
}

/** `parameters_and_buffers.update({k: new[k] for k in parameters_and_buffers if k in new})`. */
function writeBack(p: PyDict, back: [PyValue, PyValue | typeof MISSING][], rec?: TraceRecorder): void {
  // Usual case: the swapped keys are exactly p's, in p's order — pair them up positionally.
  if (back.length === p.size) {
    let i = 0;
    let same = true;
    for (const h of p.map.keys()) if (back[i++][0] !== h) { same = false; break; }
    if (same) {
      i = 0;
      for (const e of p.map.values()) {
        const v = back[i++][1];
        const after = (v === MISSING ? MISSING_SENTINEL : v) as PyValue;
        rec?.writeBack(String(e.key), e.value, after);
        e.value = after;
      }
      return;
    }
  }
  if (back.length <= 8 && back.every((b) => typeof b[0] === 'string')) {
    // Few keys (the common small-model call): match by scanning, no Map built per call.
    for (const [h, e] of p.map) {
      for (const [k, v] of back) {
        if (k !== h) continue;
        const after = v === MISSING ? MISSING_SENTINEL : v;
        rec?.writeBack(String(e.key), e.value, after as PyValue);
        e.value = after as PyValue;
        break;
      }
    }
    return;
  }
  const fresh = new Map<unknown, PyValue>();
  for (const [k, v] of back) fresh.set(typeof k === 'string' ? k : hashKey(k), v === MISSING ? MISSING_SENTINEL : v);
  for (const [h, e] of p.map) {
    const after = fresh.get(h);
    if (after === undefined && !fresh.has(h)) continue;
    rec?.writeBack(String(e.key), e.value, after as PyValue);
    e.value = after as PyValue;
  }
}

/** `torch.func.functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *,
 * tie_weights=True, strict=False)`. */
export async function functionalCall(
  module: PyValue,
  dicts: PyValue,
  args: PyValue = null,
  kwargs: PyValue = null,
  opts: FunctionalCallOptions = {},
): Promise<PyValue> {
  let p: PyDict;
  try {
    const n = normalizeState(dicts);
    p = n instanceof Promise ? await n : n;
  } catch (e) {
    opts.trace?.start(opts.tieWeights ?? true, opts.strict ?? false);
    fail(opts.trace, 'normalize', e);
  }
  return reparametrizedCall(module, p, args, kwargs, opts);
}

/** `torch.nn.utils.stateless.functional_call(...)`: warns first, then the core without normalization. */
export async function statelessFunctionalCall(
  module: PyValue,
  parametersAndBuffers: PyValue,
  args: PyValue = null,
  kwargs: PyValue = null,
  opts: FunctionalCallOptions = {},
): Promise<PyValue> {
  if (!opts.warned) await protocols.warn('FutureWarning', STATELESS_WARNING);
  return reparametrizedCall(module, parametersAndBuffers, args, kwargs, opts);
}
