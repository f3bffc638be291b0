// Turning live engine objects into the RunReport's plain data: tensors (capped previews, stats,
// capped torch repr) and module trees (params, buffers, parametrizations, shared submodules). Used
// by buildReport.ts at the moments a report needs a picture — a call's entry and exit, the end of
// the run. Reading tensor values is the engine's one async act (a WebGPU download), so the
// snapshots are async; everything else here is bookkeeping.

import { PyDict, PyList, PyTuple, callMethod, type PyValue } from '../python/object';
import { Module } from '../nn/module';
import { isTensor, type Tensor } from '../nn/bridge';
import { formatTensor } from '../tensor/format';
import type { ModuleNode, ModuleRef, TensorRef, TensorSnapshot, ValueSnapshot } from './report';
import { tensorRef } from './report';

export interface SnapshotLimits {
  /** Values kept per tensor: 256 covers a 16×16 heatmap, the largest the tree and inspector draw. */
  previewCap: number;
  /** Characters of torch's repr kept: a few screens of console text. */
  textCap: number;
  /** Largest tensor whose repr is computed at all (printing summarizes, but walks its values). */
  reprMaxNumel: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { previewCap: 256, textCap: 4000, reprMaxNumel: 1 << 20 };

/** Stable small ids for Python objects (modules), like CPython's id() but dense and per report. */
export class ObjectIds {
  private readonly ids = new WeakMap<object, number>();
  private next = 1;
  of(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.next++));
    return id;
  }
}

function previewValue(v: number | bigint | boolean): number | string | boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return v;
}

/** Tensors up to this many elements have their values fingerprinted at each snapshot (the same
 * bound nn/trace.ts uses to compare values): a 256×256 weight hashes in well under a millisecond. */
const CONTENT_CHECK_LIMIT = 1 << 16;

/** Two 32-bit FNV-1a-style hashes over the raw bytes (as words when aligned), as one string. */
function fingerprint(data: ArrayLike<unknown> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ data.byteLength;
  const step = (x: number): void => {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 15);
  };
  if (data.byteOffset % 4 === 0 && data.byteLength % 4 === 0) {
    const w = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
    for (let i = 0; i < w.length; i++) step(w[i]);
  } else {
    const b = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < b.length; i++) step(b[i]);
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}

/**
 * Snapshots taken during one run, by ref. A ref is normally "<id>@<version>": same version, same
 * values. But PyTorch changes some tensors without bumping `_version` — batch_norm's running stats,
 * writes through `.data` — so small tensors on the host are fingerprinted as well, and a snapshot
 * whose values differ from the last one taken at that version gets the ref "<id>@<version>~<n>".
 * Readers keep treating refs as opaque keys; the id and version are in the snapshot.
 */
export class TensorTable {
  readonly tensors: Record<TensorRef, TensorSnapshot> = {};
  /** "<id>@<version>" → the latest ref taken at that version and its values' fingerprint. */
  private readonly latest = new Map<string, { ref: TensorRef; print: string | null; n: number }>();
  constructor(readonly limits: SnapshotLimits = DEFAULT_LIMITS) {}

  /** The fingerprint of t's values when they are cheap to read now, else null (trust the version). */
  private printOf(t: Tensor): string | null {
    if (t.numel() > CONTENT_CHECK_LIMIT || !t.storage.hostCurrent) return null;
    return fingerprint(t.dataSync());
  }

  /** The ref of the latest snapshot of t at its current version (without taking a new one). */
  lastRef(t: Tensor): TensorRef | null {
    return this.latest.get(tensorRef(t.id, t.version))?.ref ?? null;
  }

  async snap(t: Tensor): Promise<TensorRef> {
    const base = tensorRef(t.id, t.version);
    const seen = this.latest.get(base);
    const print = this.printOf(t);
    if (seen && (print === null || seen.print === null || print === seen.print)) return seen.ref;
    const rev = seen ? seen.n + 1 : 0;
    const ref = rev === 0 ? base : `${base}~${rev}`;
    this.latest.set(base, { ref, print, n: rev });
    const data = await t.data();
    const n = data.length;
    const cap = Math.min(n, this.limits.previewCap);
    const preview: (number | string | boolean)[] = [];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let finite = 0;
    const isBool = t.dtype === 'bool';
    for (let i = 0; i < n; i++) {
      const raw = data[i] as number | bigint;
      const x = isBool ? (raw ? 1 : 0) : Number(raw);
      if (i < cap) preview.push(isBool ? Boolean(raw) : previewValue(typeof raw === 'bigint' ? raw : x));
      if (Number.isFinite(x)) {
        if (x < min) min = x;
        if (x > max) max = x;
        sum += x;
        finite++;
      }
    }
    let text: string;
    if (n <= this.limits.reprMaxNumel) {
      text = formatTensor({
        dtype: t.dtype,
        shape: t.shape,
        at: (i) => (isBool ? Boolean(data[i]) : (data[i] as number | bigint)),
        requiresGrad: t.requiresGrad,
        gradFnName: t.gradFn ? t.gradFn.pyName : null,
        isParameter: t.isParameter,
        device: t.device === 'cpu' ? 'cpu' : `${t.device}:0`,
      });
      if (text.length > this.limits.textCap) text = text.slice(0, this.limits.textCap) + '…';
    } else text = `tensor of ${n} elements (not printed)`;
    this.tensors[ref] = {
      ref,
      id: t.id,
      version: t.version,
      storage: t.storage.id,
      shape: [...t.shape],
      dtype: t.dtype,
      device: t.device,
      requiresGrad: t.requiresGrad,
      gradFn: t.gradFn ? t.gradFn.pyName : null,
      isParameter: t.isParameter,
      preview,
      truncated: n > cap,
      stats: finite > 0 ? { min, max, mean: sum / finite } : null,
      text,
    };
    return ref;
  }

  async value(v: PyValue, repr: (v: PyValue) => Promise<string>, depth = 0): Promise<ValueSnapshot> {
    if (isTensor(v)) return { kind: 'tensor', ref: await this.snap(v) };
    // Containers are shown a few levels deep and a few dozen items wide; past that, their repr.
    if (depth < 4) {
      if (v instanceof PyTuple && v.cls === null && v.items.length <= 64) {
        return { kind: 'tuple', items: await Promise.all(v.items.map((x) => this.value(x, repr, depth + 1))) };
      }
      if (v instanceof PyList && v.items.length <= 64) {
        return { kind: 'list', items: await Promise.all(v.items.map((x) => this.value(x, repr, depth + 1))) };
      }
      if (v instanceof PyDict && v.size <= 64) {
        const items: [string, ValueSnapshot][] = [];
        for (const [k, x] of v.entries()) items.push([typeof k === 'string' ? k : await repr(k), await this.value(x, repr, depth + 1)]);
        return { kind: 'dict', items };
      }
    }
    return { kind: 'other', repr: await repr(v) };
  }
}

const isParametrizationList = (m: Module): boolean => m.typeName === 'ParametrizationList';

/** Characters of a module's extra_repr kept: the tree shows one muted line of it. */
const EXTRA_REPR_CAP = 160;

/** `module.extra_repr()` (`in_features=3, out_features=2, bias=True`) on one line, capped. It goes
 * through Python — users override it — so a broken override shows nothing rather than failing the
 * report. */
async function extraReprOf(m: Module): Promise<string> {
  try {
    const r = await callMethod(m, 'extra_repr', []);
    if (typeof r !== 'string') return '';
    const line = r.replace(/\s*\n\s*/g, ', ');
    return line.length > EXTRA_REPR_CAP ? line.slice(0, EXTRA_REPR_CAP - 1) + '…' : line;
  } catch {
    return '';
  }
}

/** A module tree as the report draws it. Shared submodules after their first appearance are refs. */
export async function snapModule(m: Module, table: TensorTable, ids: ObjectIds): Promise<ModuleNode> {
  const seen = new Set<number>();
  const node = async (mod: Module, path: string, name: string): Promise<ModuleNode> => {
    const moduleId = ids.of(mod);
    seen.add(moduleId);
    const params: ModuleNode['params'] = [];
    for (const [k, v] of mod._parameters?.entries() ?? []) {
      params.push({ name: String(k), tensor: isTensor(v) ? await table.snap(v) : null });
    }
    const buffers: ModuleNode['buffers'] = [];
    for (const [k, v] of mod._buffers?.entries() ?? []) {
      buffers.push({ name: String(k), tensor: isTensor(v) ? await table.snap(v) : null, persistent: mod.isPersistent(String(k)) });
    }
    const children: (ModuleNode | ModuleRef)[] = [];
    const parametrizations: ModuleNode['parametrizations'] = [];
    for (const [k, v] of mod._modules?.entries() ?? []) {
      if (!(v instanceof Module)) continue;
      const childName = String(k);
      const childPath = path ? `${path}.${childName}` : childName;
      const childId = ids.of(v);
      if (seen.has(childId)) {
        children.push({ ref: true, name: childName, path: firstPath.get(childId) ?? childPath, moduleId: childId });
        continue;
      }
      firstPath.set(childId, childPath);
      const child = await node(v, childPath, childName);
      children.push(child);
      // parametrize.register_parametrization puts a ModuleDict `parametrizations` of
      // ParametrizationLists (originals as params, P0..Pn as children) on the module.
      if (childName === 'parametrizations') {
        for (const pl of child.children) {
          if ('ref' in pl) continue;
          const plMod = (v._modules?.get(pl.name) ?? null) as Module | null;
          if (!plMod || !isParametrizationList(plMod)) continue;
          parametrizations.push({
            name: pl.name,
            originals: pl.params.map((p) => ({ name: p.name, tensor: p.tensor })),
            chain: pl.children.map((c) => ('ref' in c ? c.name : c.className)),
          });
        }
      }
    }
    return {
      path, name, className: mod.typeName, moduleId, training: mod.training,
      params, buffers, parametrizations, children, extraRepr: await extraReprOf(mod),
    };
  };
  const firstPath = new Map<number, string>();
  firstPath.set(ids.of(m), '');
  return node(m, '', '');
}
