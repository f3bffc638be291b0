// The record of one functional_call, as plain data: what the call inspector draws and run/ embeds
// in its CallRecord. functional_call.ts reports each step to an optional TraceRecorder (nothing is
// recorded, and nothing costs, when none is passed): tie groups found, alias keys the expansion
// added, the strict verdict, every slot swap (module path, slot kind, identity of what went in and
// what came out — tensors by id and version), in-place writes to the swapped-in tensors during
// forward (version counters before/after), the restore and the write-back into the user's dict.
// Tensors are referenced by (id, version); `objects` keeps the live tensors by id so run/ can take
// snapshots (shape, values) without the trace itself holding engine objects.

import { PyError } from '../errors';
import type { PyValue } from '../python/object';
import { isTensor, type Tensor } from './bridge';

export type ValueRef =
  | { kind: 'tensor'; id: number; version: number; isParameter: boolean }
  | { kind: 'none' }
  | { kind: 'missing' }
  | { kind: 'other'; type: string };

export type SlotKind = 'parameter' | 'buffer' | 'attribute';

/** Which pass a swap belongs to: swap-in, its rollback after a failure, restore, restore's rollback. */
export type SwapPhase = 'swap' | 'swap-rollback' | 'restore' | 'restore-rollback';

export interface SwapRecord {
  phase: SwapPhase;
  key: string;
  /** Dotted path of the module holding the slot ('' = root). */
  modulePath: string;
  leaf: string;
  kind: SlotKind;
  /** What was in the slot before (what the swap returned). */
  before: ValueRef;
  /** What the swap put in. */
  after: ValueRef;
}

export interface InPlaceRecord {
  /** The key the tensor was passed under (first key if several share it); null for module state. */
  key: string | null;
  /** Module state name, for writes to tensors the caller did not pass. */
  name: string | null;
  tensorId: number;
  versionBefore: number;
  versionAfter: number;
  /** 'version': the version counter moved (an in-place op). 'values': the values changed with the
   * counter unchanged — PyTorch's batch_norm updates running stats that way (`_version` stays). */
  detectedBy: 'version' | 'values';
}

/** Values are compared as well as versions for tensors up to this size (tracing only). */
const VALUE_WATCH_LIMIT = 1 << 16;

function valuesOf(t: Tensor): ArrayLike<number | bigint> | null {
  if (t.numel() > VALUE_WATCH_LIMIT || t.device !== 'cpu') return null;
  const d = t.dataSync();
  return d.slice() as ArrayLike<number | bigint>;
}

function sameValues(a: ArrayLike<number | bigint> | null, t: Tensor): boolean {
  if (a === null) return true;
  const b = valuesOf(t);
  if (b === null || b.length !== a.length) return b === null;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

export interface WriteBackRecord {
  key: string;
  before: ValueRef;
  after: ValueRef;
  changed: boolean;
}

export type CallPhase = 'normalize' | 'tie' | 'strict' | 'swap' | 'forward' | 'restore';

export interface FunctionalCallTrace {
  api: 'torch.func' | 'stateless' | 'ts';
  tieWeights: boolean;
  strict: boolean;
  /** Keys of the mapping the call used (after merging a list/tuple of dicts), in order. */
  keys: string[];
  /** Tie groups (names of one tensor, size ≥ 2) in traversal order; empty without tie_weights. */
  tieGroups: string[][];
  /** Keys the tie expansion set: alias `key` got the value given for `from`. */
  expanded: { key: string; from: string; added: boolean }[];
  strictVerdict: { missing: string[]; unexpected: string[] } | null;
  swaps: SwapRecord[];
  inPlace: InPlaceRecord[];
  forward: 'not-run' | 'ok' | 'raised';
  /** True when every slot was swapped back without error. */
  restored: boolean;
  writeBack: WriteBackRecord[];
  error: { phase: CallPhase; type: string; message: string } | null;
}

export function valueRef(v: PyValue | symbol): ValueRef {
  if (typeof v === 'symbol') return { kind: 'missing' };
  if (v === null) return { kind: 'none' };
  if (isTensor(v)) return { kind: 'tensor', id: v.id, version: v.version, isParameter: v.isParameter };
  return { kind: 'other', type: typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v };
}

export const sameRef = (a: ValueRef, b: ValueRef): boolean =>
  a.kind === b.kind && (a.kind !== 'tensor' || (b.kind === 'tensor' && a.id === b.id));

/** Collects a FunctionalCallTrace; pass one as `trace` in functionalCall's options. */
export class TraceRecorder {
  readonly trace: FunctionalCallTrace;
  /** Live tensors seen by the call, by id (for snapshots; not part of the plain trace). */
  readonly objects = new Map<number, Tensor>();
  /** Versions (and small value copies) of the swapped-in tensors when they went in. */
  private readonly watched = new Map<string, [Tensor, number, ArrayLike<number | bigint> | null]>();
  private readonly stateWatch: [string, Tensor, number, ArrayLike<number | bigint> | null][] = [];

  constructor(api: FunctionalCallTrace['api'] = 'ts') {
    this.trace = {
      api, tieWeights: true, strict: false, keys: [], tieGroups: [], expanded: [], strictVerdict: null, swaps: [],
      inPlace: [], forward: 'not-run', restored: false, writeBack: [], error: null,
    };
  }

  private see(v: PyValue | symbol): ValueRef {
    if (isTensor(v)) this.objects.set(v.id, v);
    return valueRef(v);
  }

  start(tieWeights: boolean, strict: boolean): void {
    this.trace.tieWeights = tieWeights;
    this.trace.strict = strict;
  }
  keys(keys: PyValue[]): void {
    this.trace.keys = keys.map((k) => String(k));
  }
  tieGroups(groups: string[][]): void {
    this.trace.tieGroups = groups;
  }
  expanded(key: string, from: string, added: boolean): void {
    this.trace.expanded.push({ key, from, added });
  }
  strictVerdict(missing: string[], unexpected: string[]): void {
    this.trace.strictVerdict = { missing, unexpected };
  }
  swap(phase: SwapPhase, key: string, modulePath: string, leaf: string, kind: SlotKind, before: PyValue | symbol, after: PyValue | symbol): void {
    this.trace.swaps.push({ phase, key, modulePath, leaf, kind, before: this.see(before), after: this.see(after) });
    if (phase === 'swap' && isTensor(after) && !this.watched.has(key)) this.watched.set(key, [after, after.version, valuesOf(after)]);
  }
  /** Remember versions of the module's own state so in-place writes to unpassed slots show too. */
  watchState(names: string[], tensors: Tensor[]): void {
    const passed = new Set([...this.watched.values()].map(([t]) => t));
    for (let i = 0; i < names.length; i++) {
      if (!passed.has(tensors[i])) this.stateWatch.push([names[i], tensors[i], tensors[i].version, valuesOf(tensors[i])]);
    }
  }
  forwardDone(ok: boolean): void {
    this.trace.forward = ok ? 'ok' : 'raised';
    const seen = new Set<Tensor>();
    const changed = (t: Tensor, v0: number, vals: ArrayLike<number | bigint> | null): InPlaceRecord['detectedBy'] | null =>
      t.version !== v0 ? 'version' : sameValues(vals, t) ? null : 'values';
    for (const [key, [t, v0, vals]] of this.watched) {
      if (seen.has(t)) continue;
      seen.add(t);
      const how = changed(t, v0, vals);
      if (how) this.trace.inPlace.push({ key, name: null, tensorId: t.id, versionBefore: v0, versionAfter: t.version, detectedBy: how });
    }
    for (const [name, t, v0, vals] of this.stateWatch) {
      if (seen.has(t)) continue;
      seen.add(t);
      const how = changed(t, v0, vals);
      if (how) {
        this.objects.set(t.id, t);
        this.trace.inPlace.push({ key: null, name, tensorId: t.id, versionBefore: v0, versionAfter: t.version, detectedBy: how });
      }
    }
  }
  restored(ok: boolean): void {
    this.trace.restored = ok;
  }
  writeBack(key: string, before: PyValue, after: PyValue): void {
    const b = this.see(before);
    const a = this.see(after);
    this.trace.writeBack.push({ key, before: b, after: a, changed: before !== after });
  }
  /** Record the error that ends the call; `replace` for a restore error that supersedes forward's. */
  error(phase: CallPhase, e: unknown, replace = false): void {
    if (this.trace.error && !replace) return;
    this.trace.error =
      e instanceof PyError
        ? { phase, type: e.pyType, message: e.message }
        : { phase, type: 'InternalError', message: String(e) };
  }
}
