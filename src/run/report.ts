// The RunReport: the one contract between a run and everything that shows it (the page, the CLI's
// --report, tests). Plain JSON-safe data only — no engine objects — so it crosses the Web Worker
// boundary by structured clone and can be saved or diffed. The UI draws this and nothing else.
//
// Tensors are referenced by `TensorRef` = "<object id>@<version>", so the "before" and "after" of an
// in-place change are two snapshots of one object. Previews are capped so a report of a large model
// stays small. The functional_call trace type belongs to nn/ (it records what the call did); this
// file embeds it.

import type { FunctionalCallTrace } from '../nn/trace';

/** "<tensor id>@<version>", plus "~<n>" when the values changed without a version bump (PyTorch's
 * batch_norm updates running stats in place without bumping `_version`; small tensors are
 * fingerprinted so such a change still gets its own snapshot). */
export type TensorRef = string;

export const tensorRef = (id: number, version: number): TensorRef => `${id}@${version}`;

/** A source range. `line` is 1-based, `col` 0-based (CPython's convention); `from`/`to` are
 * character offsets into the script, for underlining and for rewriting the text. */
export interface Span {
  from: number;
  to: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface RunReport {
  version: 1;
  filename: string;
  /** Everything the script printed (stdout only). */
  stdout: string;
  /** What a console shows, in order: stdout text, warnings and the traceback as CPython prints them. */
  console: ConsoleChunk[];
  warnings: WarningRecord[];
  error: ErrorRecord | null;
  /** Module snapshots: each module bound to a global at the end, and each module a call used, at
   * that call's entry and exit. */
  modules: ModuleSnapshot[];
  /** Every functional_call the script made, in order. */
  calls: CallRecord[];
  /** Every tensor the report mentions, by ref. */
  tensors: Record<TensorRef, TensorSnapshot>;
  /** The run's default device and what actually ran it. */
  device: {
    requested: 'cpu' | 'webgpu';
    adapter: string | null;
    /** What the WebGPU device did in this run: kernels dispatched, downloads, kernel calls it ran
     * on its CPU side (absent when the run had no GPU context). */
    gpu?: { dispatches: number; downloads: number; cpuOps: number };
  };
  /** Wall time of the run in ms (not part of any comparison). */
  durationMs: number;
}

export interface ConsoleChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface WarningRecord {
  category: string;
  message: string;
  line: number | null;
}

export interface ErrorRecord {
  type: string;
  message: string;
  /** Innermost frame last, as CPython prints them. */
  traceback: { filename: string; line: number; name: string }[];
  /** The full traceback text as CPython would print it. */
  text: string;
  /** Where to underline: the failing expression or the syntax error position. */
  span: Span | null;
}

export interface ModuleSnapshot {
  /** The script's name for the module (global variable), or a path like `net.enc`. */
  binding: string;
  /** 'end' | 'call N entry' | 'call N exit' (N is the CallRecord index). */
  when: string;
  root: ModuleNode;
}

export interface ModuleNode {
  /** Dotted path from the snapshot's root ('' for the root). */
  path: string;
  /** Attribute name under its parent ('' for the root). */
  name: string;
  /** type(module).__name__, e.g. 'ParametrizedLinear'. */
  className: string;
  /** Stable identity of the module object (shared submodules have the same id). */
  moduleId: number;
  training: boolean;
  params: { name: string; tensor: TensorRef | null }[];
  buffers: { name: string; tensor: TensorRef | null; persistent: boolean }[];
  parametrizations: { name: string; originals: { name: string; tensor: TensorRef | null }[]; chain: string[] }[];
  /** A child seen earlier in the same snapshot (shared submodule) is a `ModuleRef`. */
  children: (ModuleNode | ModuleRef)[];
  extraRepr: string;
}

export interface ModuleRef {
  ref: true;
  name: string;
  /** Path of the first occurrence. */
  path: string;
  moduleId: number;
}

export interface TensorSnapshot {
  ref: TensorRef;
  id: number;
  version: number;
  /** Storage id: equal ids mean the tensors alias memory. */
  storage: number;
  shape: number[];
  dtype: string;
  device: string;
  requiresGrad: boolean;
  gradFn: string | null;
  isParameter: boolean;
  /** First values in row-major order (capped); nan/inf as strings. */
  preview: (number | string | boolean)[];
  truncated: boolean;
  stats: { min: number; max: number; mean: number } | null;
  /** torch's repr, capped in length. */
  text: string;
}

/** A Python value shown in the report (a call's output, say). */
export type ValueSnapshot =
  | { kind: 'tensor'; ref: TensorRef }
  | { kind: 'tuple' | 'list'; items: ValueSnapshot[] }
  | { kind: 'dict'; items: [string, ValueSnapshot][] }
  | { kind: 'other'; repr: string };

export interface CallRecord {
  index: number;
  /** Source range of the call expression, and of the dict argument when it is a literal. */
  span: Span | null;
  dictSpan: Span | null;
  /** Per-key spans (key string → span of the `'key': value` entry) when the dict is a literal. */
  keySpans: Record<string, Span>;
  /** Value expression text per key, when the dict is a literal. */
  valueTexts: Record<string, string>;
  api: 'torch.func' | 'stateless';
  /** Global name of the module when it has one, else its class name. */
  module: string;
  moduleId: number;
  keys: string[];
  tieWeights: boolean;
  strict: boolean;
  trace: FunctionalCallTrace;
  output: ValueSnapshot | null;
  error: { type: string; message: string } | null;
  effects: Effect[];
  /** Every slot holds its original object again (trace.restored and no module corruption). */
  restored: boolean;
  /** What was not restored, if anything (e.g. `bn.running_var` changed in place). */
  notRestored: string[];
  /**
   * Gradients with respect to the override tensors, by key (absent when there are none). For a
   * key, the gradient a torch.func transform (grad / grad_and_value / vjp) computed for the tensor
   * this call was given under that key — so `vmap(grad(loss))` over functional_call gives each
   * per-sample call its own gradient — else the override tensor's `.grad` as it stood at the end
   * of the run (after `loss.backward()`). Same shape as the override; a TensorSnapshot ref.
   */
  grads?: Record<string, TensorRef>;
}

export interface Effect {
  key: string;
  before: TensorRef | null;
  after: TensorRef | null;
  how: 'in-place' | 'write-back' | 'not-restored';
}
