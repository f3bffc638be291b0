// The playground's one store (zustand): everything the page knows that is not in the RunReport —
// the script (the single source of truth for overrides and toggles: tie_weights= / strict= live in
// its text), which call and which tree node are selected, the trace step, theme, device, and the
// state of the current run. Components read it through selector hooks (hooks.ts) and never keep
// state a share link would need (issue 8 encodes script + selection from here).
//
// Running is injected (setRunner): the page wires the Web Worker client in, tests and the fixture
// mode wire something else. The store only sequences runs: a newer run supersedes an older one.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunReport } from '../run/report';

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped';

/** A run as the page follows it. `stopped` = cancelled by the user or the wall-clock guard. */
export interface RunState {
  status: RunStatus;
  /** Increments per run; a result for an older id is dropped. */
  id: number;
  /** Why a run stopped (shown in the console) or why no run could start. */
  message: string | null;
}

export type Theme = 'dark' | 'light';
export type Device = 'cpu' | 'webgpu';
/** Which picture of the module the tree shows for the selected call. */
export type SnapshotWhen = 'entry' | 'exit' | 'end';
export type InspectorTab = 'call' | 'trace';

/** A request for the editor to reveal and select a range (nonce makes repeats distinct). */
export interface EditorFocus {
  from: number;
  to: number;
  nonce: number;
}

export interface RunHandle {
  done: Promise<{ report: RunReport } | { stopped: string }>;
  cancel(): void;
}
export type Runner = (script: string, device: Device) => RunHandle;

/** What a share link restores (share/link.ts encodes exactly these fields). */
export type SharedFields = Pick<LabState, 'script' | 'selectedCall' | 'selectedNode' | 'traceStep' | 'inspectorTab' | 'snapshotWhen' | 'device'>;

/** A message that stays until dismissed (a link that could not be opened, say). */
export interface Banner {
  tone: 'error' | 'info';
  text: string;
}

export interface LabState {
  script: string;
  presetId: string | null;
  report: RunReport | null;
  /** The script text the report was made from (the report's spans index into it). */
  reportScript: string | null;
  /** 'fixture' while the page shows a canned report (development / no engine). */
  reportOrigin: 'run' | 'fixture' | null;
  run: RunState;
  selectedCall: number;
  /** A state key (`enc.weight`, `parametrizations.weight.original`) or a module path (`m:enc`). */
  selectedNode: string | null;
  snapshotWhen: SnapshotWhen;
  traceStep: number;
  inspectorTab: InspectorTab;
  theme: Theme;
  device: Device;
  /** What the device indicator shows (the WebGPU adapter, or null = CPU only). */
  adapter: string | null;
  /** Why there is no WebGPU adapter (the worker's reason, or that the device was lost). */
  adapterReason: string | null;
  editorFocus: EditorFocus | null;
  /** Collapsed module paths in the tree. */
  collapsed: Record<string, true>;
  /** A message the page shows briefly (an edit that could not be made, say). */
  notice: string | null;
  banner: Banner | null;

  setScript(script: string): void;
  loadPreset(id: string, source: string): void;
  /** Load a script that is not a preset (an opened or dropped file) and run it. */
  loadScript(source: string): void;
  /** Restore a shared state (a link) exactly, then run. */
  applyShared(shared: SharedFields, presetId: string | null): void;
  runNow(): void;
  cancelRun(): void;
  showReport(report: RunReport, script: string, origin: 'run' | 'fixture'): void;
  selectCall(i: number): void;
  selectNode(key: string | null): void;
  setSnapshotWhen(w: SnapshotWhen): void;
  setTraceStep(i: number): void;
  setInspectorTab(t: InspectorTab): void;
  setTheme(t: Theme): void;
  setDevice(d: Device): void;
  /** The worker's adapter (or none, and why). Losing it while the switch says WebGPU puts the
   * switch back on CPU, and the page says so (runs fall back to the CPU anyway). */
  setAdapter(a: string | null, reason?: string | null): void;
  focusEditor(from: number, to: number): void;
  toggleCollapsed(path: string): void;
  setNotice(n: string | null): void;
  setBanner(b: Banner | null): void;
  /** Install the function that runs scripts (the worker client on the page). */
  setRunner(r: Runner): void;
}

export type LabStore = StoreApi<LabState>;

export function createLabStore(init: { script: string; presetId?: string | null; theme?: Theme; runner?: Runner }): LabStore {
  let runner: Runner | null = init.runner ?? null;
  let current: RunHandle | null = null;
  let nonce = 0;
  const store = createStore<LabState>()((set, get) => ({
    script: init.script,
    presetId: init.presetId ?? null,
    report: null,
    reportScript: null,
    reportOrigin: null,
    run: { status: 'idle', id: 0, message: null },
    selectedCall: 0,
    selectedNode: null,
    snapshotWhen: 'entry',
    traceStep: 0,
    inspectorTab: 'call',
    theme: init.theme ?? 'dark',
    device: 'cpu',
    adapter: null,
    adapterReason: null,
    editorFocus: null,
    collapsed: {},
    notice: null,
    banner: null,

    setScript: (script) => set({ script }),
    loadPreset: (id, source) => {
      set({ script: source, presetId: id, selectedCall: 0, selectedNode: null, traceStep: 0 });
      get().runNow();
    },
    loadScript: (source) => {
      set({ script: source, presetId: null, selectedCall: 0, selectedNode: null, traceStep: 0, inspectorTab: 'call' });
      get().runNow();
    },
    applyShared: (shared, presetId) => {
      set({ ...shared, presetId, collapsed: {} });
      get().runNow();
    },
    runNow: () => {
      if (!runner) {
        set({ run: { status: 'idle', id: get().run.id, message: 'No engine is available in this build.' } });
        return;
      }
      current?.cancel();
      const id = get().run.id + 1;
      const script = get().script;
      set({ run: { status: 'running', id, message: null } });
      const handle = runner(script, get().device);
      current = handle;
      void handle.done.then((res) => {
        if (get().run.id !== id) return; // superseded by a newer run
        current = null;
        if ('report' in res) {
          get().showReport(res.report, script, 'run');
          set({ run: { status: 'done', id, message: null } });
        } else set({ run: { status: 'stopped', id, message: res.stopped } });
      });
    },
    cancelRun: () => {
      if (get().run.status !== 'running') return;
      current?.cancel();
    },
    showReport: (report, script, origin) => {
      const s = get();
      const nCalls = report.calls.length;
      set({
        report,
        reportScript: script,
        reportOrigin: origin,
        selectedCall: nCalls === 0 ? 0 : Math.min(s.selectedCall, nCalls - 1),
        traceStep: s.traceStep,
      });
    },
    selectCall: (i) => set({ selectedCall: i, traceStep: 0 }),
    selectNode: (key) => set({ selectedNode: key }),
    setSnapshotWhen: (w) => set({ snapshotWhen: w }),
    setTraceStep: (i) => set({ traceStep: Math.max(0, i) }),
    setInspectorTab: (t) => set({ inspectorTab: t }),
    setTheme: (t) => set({ theme: t }),
    setDevice: (d) => set({ device: d }),
    setAdapter: (a, reason = null) => {
      const s = get();
      // No reason = the device was lost and a fresh worker is acquiring one (the lost banner says
      // so); a reason = there is none to be had, which is news when the switch asked for WebGPU.
      if (a === null && s.device === 'webgpu') {
        set({ adapter: null, adapterReason: reason, device: 'cpu', ...(reason ? { notice: `WebGPU is not available (${reason}): runs use the CPU.` } : {}) });
      } else set({ adapter: a, adapterReason: a === null ? reason : null });
    },
    focusEditor: (from, to) => set({ editorFocus: { from, to, nonce: ++nonce } }),
    toggleCollapsed: (path) => {
      const c = { ...get().collapsed };
      if (c[path]) delete c[path];
      else c[path] = true;
      set({ collapsed: c });
    },
    setNotice: (n) => set({ notice: n }),
    setBanner: (b) => set({ banner: b }),
    setRunner: (r) => {
      runner = r;
    },
  }));
  return store;
}
