// The report builder: watches a run's functional_calls and, when the run ends, assembles the
// RunReport the page draws (report.ts). The interpreter owns running the script; nn/ owns what
// functional_call does and records it in a TraceRecorder (nn/trace.ts). This file adds what only
// a whole-run view can: pictures of the module at each call's entry and exit and at the end,
// snapshots of every tensor the report names, the call's place in the source (run/callSites.ts),
// and the call's effects — in-place writes, write-back into the caller's dict, and module state
// that did not come back (e.g. BatchNorm running stats updated in place) — and the gradients with
// respect to each call's override tensors (from torch.func transforms, told through
// onTransformGrads, or the overrides' `.grad` at the end of the run).
//
// How a run uses it (the torch.func / stateless bindings call the observer around the call):
//   const c = new ReportCollector({ source, filename });
//   const rec = await c.beginCall({ api, module, dicts, line, col });   // before functionalCall
//   try { out = await functionalCall(m, d, a, k, { tieWeights, strict, trace: rec }); await c.endCall(rec, { ok: true, value: out }); }
//   catch (e) { await c.endCall(rec, { ok: false, error: e }); throw e; }
//   ... at the end: const report = await c.build({ stdout, console, warnings, error, globals, device, durationMs });

import { PyDict, PyList, PyTuple, type PyValue } from '../python/object';
import type * as A from '../python/ast';
import { parse } from '../python/parse';
import { Module } from '../nn/module';
import { allStateNames } from '../nn/names';
import { isTensor, type Tensor } from '../nn/bridge';
import { protocols } from '../nn/pyproto';
import { TraceRecorder } from '../nn/trace';
import { findCallSites, siteAt, type CallSite } from './callSites';
import type { CallRecord, ConsoleChunk, Effect, ErrorRecord, ModuleNode, ModuleSnapshot, RunReport, TensorRef, WarningRecord } from './report';
import { tensorRef } from './report';
import { DEFAULT_LIMITS, ObjectIds, TensorTable, snapModule, type SnapshotLimits } from './snapshot';

/** What the binding knows when functional_call is entered. */
export interface CallStart {
  api: 'torch.func' | 'stateless';
  module: PyValue;
  /** The override argument as passed (a dict, or torch.func's list/tuple of dicts). */
  dicts: PyValue;
  /** The Python line being executed (the interpreter's current frame). */
  line: number;
  /** The call expression's column, when the interpreter knows the node. */
  col?: number | null;
}

export type CallOutcome = { ok: true; value: PyValue } | { ok: false; error: unknown };

/** The hook the functional_call bindings talk to; a run without a report passes none. */
export interface FunctionalCallObserver {
  beginCall(start: CallStart): Promise<TraceRecorder>;
  endCall(rec: TraceRecorder, outcome: CallOutcome): Promise<void>;
}

/** What the interpreter hands over when the run is over. */
export interface RunResult {
  stdout: string;
  console: ConsoleChunk[];
  warnings: WarningRecord[];
  error: ErrorRecord | null;
  /** The module namespace at the end, in definition order. */
  globals: Iterable<[string, PyValue]>;
  device: RunReport['device'];
  durationMs: number;
}

export interface CollectorOptions {
  source: string;
  filename: string;
  /** The parsed script, if the caller has it (saves a second parse). */
  ast?: A.Module | null;
  limits?: SnapshotLimits;
  /** repr() of non-tensor values (defaults to the installed Python protocols). */
  repr?: (v: PyValue) => Promise<string>;
}

interface PendingCall {
  index: number;
  start: CallStart;
  rec: TraceRecorder;
  entry: ModuleNode | null;
  exit: ModuleNode | null;
  /** State name → [tensor object, version, snapshot ref] at entry (identity, version and values). */
  stateAtEntry: Map<string, [Tensor, number, TensorRef]>;
  outcome: CallOutcome | null;
  output: CallRecord['output'];
  /** Taken when the call ends (later script lines may change the module again). */
  notRestored: { name: string; after: Tensor | null }[];
  /** The override tensors as passed, by key (the objects gradients are reported for). */
  overrides: [string, Tensor][];
  /** Gradients a torch.func transform computed for those objects, by key. */
  transformGrads: Map<string, TensorRef>;
  /** Snapshot refs by tensor id when the call began and when it ended: an in-place change the
   * version counter did not record (batch_norm's running stats) still has two refs. */
  refsBefore: Map<number, TensorRef>;
  refsAfter: Map<number, TensorRef>;
}

function* dictsOf(v: PyValue): Generator<PyDict> {
  if (v instanceof PyDict) yield v;
  else if (v instanceof PyList || v instanceof PyTuple) for (const d of v.items) if (d instanceof PyDict) yield d;
}

export class ReportCollector implements FunctionalCallObserver {
  private readonly table: TensorTable;
  private readonly ids = new ObjectIds();
  private readonly calls: PendingCall[] = [];
  private readonly byRecorder = new Map<TraceRecorder, PendingCall>();
  private readonly repr: (v: PyValue) => Promise<string>;
  /** Override tensor object → the (call, key) pairs it was passed under. */
  private readonly overrideUses = new Map<Tensor, [PendingCall, string][]>();

  constructor(private readonly opts: CollectorOptions) {
    this.table = new TensorTable(opts.limits ?? DEFAULT_LIMITS);
    this.repr = opts.repr ?? ((v) => protocols.repr(v));
  }

  async beginCall(start: CallStart): Promise<TraceRecorder> {
    const rec = new TraceRecorder(start.api);
    const call: PendingCall = {
      index: this.calls.length, start, rec, entry: null, exit: null, stateAtEntry: new Map(), outcome: null, output: null, notRestored: [],
      overrides: [], transformGrads: new Map(), refsBefore: new Map(), refsAfter: new Map(),
    };
    this.calls.push(call);
    this.byRecorder.set(rec, call);
    // "Before" pictures: the overrides and the module as they are before anything is swapped.
    for (const d of dictsOf(start.dicts))
      for (const [k, v] of d.entries()) {
        if (!isTensor(v)) continue;
        call.refsBefore.set(v.id, await this.table.snap(v));
        const key = typeof k === 'string' ? k : String(k);
        call.overrides.push([key, v]);
        const uses = this.overrideUses.get(v) ?? [];
        uses.push([call, key]);
        this.overrideUses.set(v, uses);
      }
    if (start.module instanceof Module) {
      call.entry = await snapModule(start.module, this.table, this.ids);
      const st = allStateNames(start.module);
      st.names.forEach((n, i) => {
        const t = st.tensors[i];
        const ref = this.table.lastRef(t) ?? tensorRef(t.id, t.version);
        call.stateAtEntry.set(n, [t, t.version, ref]);
        if (!call.refsBefore.has(t.id)) call.refsBefore.set(t.id, ref);
      });
    }
    return rec;
  }

  async endCall(rec: TraceRecorder, outcome: CallOutcome): Promise<void> {
    const call = this.byRecorder.get(rec);
    if (!call) return;
    call.outcome = outcome;
    if (call.start.module instanceof Module) call.exit = await snapModule(call.start.module, this.table, this.ids);
    // "After" pictures of everything the trace saw (swapped-in tensors, write-back results).
    for (const t of rec.objects.values()) call.refsAfter.set(t.id, await this.table.snap(t));
    for (const d of dictsOf(call.start.dicts)) for (const v of d.values()) if (isTensor(v)) call.refsAfter.set(v.id, await this.table.snap(v));
    if (call.start.module instanceof Module) call.notRestored = this.notRestored(call);
    if (outcome.ok) call.output = await this.table.value(outcome.value, this.repr);
  }

  /** torch.func's gradient observer (tensor/autograd/func setTransformGradObserver): a transform
   * differentiated these tensors; those passed to a call as overrides get their gradient recorded. */
  async onTransformGrads(pairs: readonly (readonly [Tensor, Tensor])[]): Promise<void> {
    for (const [input, g] of pairs) {
      const uses = this.overrideUses.get(input);
      if (!uses) continue;
      const ref = await this.table.snap(g);
      for (const [call, key] of uses) call.transformGrads.set(key, ref);
    }
  }

  /** Per key: the transform's gradient, else the override's `.grad` now (the end of the run). */
  private async gradsOf(c: PendingCall): Promise<Record<string, TensorRef> | null> {
    const out: Record<string, TensorRef> = {};
    let any = false;
    for (const [key, t] of c.overrides) {
      const fromTransform = c.transformGrads.get(key);
      const g = t.grad;
      const ref = fromTransform ?? (g !== null && isTensor(g) ? await this.table.snap(g) : null);
      if (ref === null) continue;
      out[key] = ref;
      any = true;
    }
    return any ? out : null;
  }

  /** Assemble the report. Call once, after the script finished (or raised). */
  async build(result: RunResult): Promise<RunReport> {
    const names = new Map<number, string>();
    const modules: ModuleSnapshot[] = [];
    for (const [name, v] of result.globals) {
      if (!(v instanceof Module)) continue;
      const id = this.ids.of(v);
      if (!names.has(id)) names.set(id, name);
      modules.push({ binding: name, when: 'end', root: await snapModule(v, this.table, this.ids) });
    }
    const sites = this.sites();
    const calls: CallRecord[] = [];
    for (const c of this.calls) {
      const moduleId = c.start.module instanceof Module ? this.ids.of(c.start.module) : 0;
      const moduleName = names.get(moduleId) ?? (c.start.module instanceof Module ? c.start.module.typeName : 'module');
      if (c.entry) modules.push({ binding: moduleName, when: `call ${c.index} entry`, root: c.entry });
      if (c.exit) modules.push({ binding: moduleName, when: `call ${c.index} exit`, root: c.exit });
      const rec = this.callRecord(c, siteAt(sites, c.start.line, c.start.col), moduleName, moduleId);
      const grads = await this.gradsOf(c);
      if (grads !== null) rec.grads = grads;
      calls.push(rec);
    }
    return {
      version: 1,
      filename: this.opts.filename,
      stdout: result.stdout,
      console: result.console,
      warnings: result.warnings,
      error: result.error,
      modules,
      calls,
      tensors: this.table.tensors,
      device: result.device,
      durationMs: result.durationMs,
    };
  }

  private sites(): CallSite[] {
    try {
      const ast = this.opts.ast ?? parse(this.opts.source, this.opts.filename);
      return findCallSites(ast, this.opts.source);
    } catch {
      return []; // a script that does not parse made no calls
    }
  }

  private callRecord(c: PendingCall, site: CallSite | null, moduleName: string, moduleId: number): CallRecord {
    const t = c.rec.trace;
    const keySpans: CallRecord['keySpans'] = {};
    const valueTexts: CallRecord['valueTexts'] = {};
    for (const e of site?.dict?.entries ?? []) {
      keySpans[e.key] = e.entry;
      valueTexts[e.key] = e.valueText;
    }
    const effects: Effect[] = [];
    for (const w of t.inPlace) {
      effects.push({
        key: w.key ?? w.name ?? '?',
        before: c.refsBefore.get(w.tensorId) ?? tensorRef(w.tensorId, w.versionBefore),
        after: c.refsAfter.get(w.tensorId) ?? tensorRef(w.tensorId, w.versionAfter),
        how: w.key !== null ? 'in-place' : 'not-restored',
      });
    }
    for (const w of t.writeBack) {
      if (!w.changed) continue;
      effects.push({
        key: w.key,
        before: w.before.kind === 'tensor' ? tensorRef(w.before.id, w.before.version) : null,
        after: w.after.kind === 'tensor' ? tensorRef(w.after.id, w.after.version) : null,
        how: 'write-back',
      });
    }
    const notRestored = c.notRestored.map((n) => n.name);
    for (const { name, after } of c.notRestored) {
      if (effects.some((e) => e.key === name && e.how === 'not-restored')) continue;
      const entry = c.stateAtEntry.get(name);
      const afterRef = after ? (c.refsAfter.get(after.id) ?? tensorRef(after.id, after.version)) : null;
      effects.push({ key: name, before: entry ? entry[2] : null, after: afterRef, how: 'not-restored' });
    }
    const err = c.outcome && !c.outcome.ok ? (t.error ?? errorOf(c.outcome.error)) : null;
    return {
      index: c.index,
      span: site?.span ?? null,
      dictSpan: site?.dict?.span ?? null,
      keySpans,
      valueTexts,
      api: c.start.api,
      module: moduleName,
      moduleId,
      keys: t.keys,
      tieWeights: t.tieWeights,
      strict: t.strict,
      trace: t,
      output: c.output,
      error: err ? { type: err.type, message: err.message } : null,
      effects,
      restored: (t.restored || t.forward === 'not-run') && notRestored.length === 0,
      notRestored,
    };
  }

  /** Module state whose object is not the one from entry, or that changed in place without being
   * overridden — by its version counter or by its values (PyTorch's batch_norm updates the running
   * stats in place without bumping `_version`; nn/trace.ts and the snapshot fingerprints both see
   * it). The override tensors' in-place writes are the caller's business, not the module's. Runs
   * after the exit snapshot, so `refsAfter` holds every state tensor's ref at exit. */
  private notRestored(c: PendingCall): PendingCall['notRestored'] {
    const m = c.start.module;
    if (!(m instanceof Module)) return [];
    const overridden = new Set(c.rec.trace.swaps.filter((s) => s.phase === 'swap').map((s) => s.key));
    const changedByTrace = new Set(c.rec.trace.inPlace.filter((w) => w.key === null && w.name !== null).map((w) => w.name!));
    const out: PendingCall['notRestored'] = [];
    const now = allStateNames(m);
    const nowByName = new Map(now.names.map((n, i) => [n, now.tensors[i]]));
    for (const [name, [t0, v0, ref0]] of c.stateAtEntry) {
      const t1 = nowByName.get(name) ?? null;
      if (t1 !== t0) {
        out.push({ name, after: t1 });
        continue;
      }
      if (overridden.has(name)) continue;
      const ref1 = this.table.lastRef(t1);
      if (ref1 !== null) c.refsAfter.set(t1.id, ref1);
      if (t1.version !== v0 || changedByTrace.has(name) || (ref1 !== null && ref1 !== ref0)) out.push({ name, after: t1 });
    }
    for (const [n, t] of nowByName) if (!c.stateAtEntry.has(n) && !out.some((o) => o.name === n)) out.push({ name: n, after: t });
    return out;
  }
}

function errorOf(e: unknown): { type: string; message: string } {
  if (e && typeof e === 'object' && 'pyType' in e) return { type: String((e as { pyType: unknown }).pyType), message: String((e as unknown as Error).message) };
  return { type: 'InternalError', message: String(e) };
}

/** The CLI's --report: run a script and return its RunReport (runForReport.ts does the work; the
 * dynamic import keeps this file free of the interpreter). */
export async function buildReportForScript(
  source: string,
  opts: { filename?: string; device?: 'cpu' | 'webgpu'; maxMillis?: number } = {},
): Promise<RunReport> {
  const { runForReport } = await import('./runForReport');
  return runForReport(source, opts);
}
