// The script editor (CodeMirror 6, Python). The store's `script` is the source of truth: typing
// writes it, and inspector edits (which rewrite the script) flow back in as minimal changes so
// the cursor and undo history survive. It underlines the run's error at its line, marks the
// selected call and the selected key's dict entry, reveals ranges on request (tree clicks,
// traceback links), and completes torch names and state keys.

import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet, keymap } from '@codemirror/view';
import { python } from '@codemirror/lang-python';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { autocompletion } from '@codemirror/autocomplete';
import { useLabApi } from '../../store/hooks';
import { selectedCallOf, treeSnapshotOf } from '../../store/hooks';
import type { LabState } from '../../store/store';
import type { RunReport } from '../../run/report';
import { labCompletions } from '../editor/completions';
import { labHighlighting } from '../editor/highlight';
import { validKeys } from '../model/treeRows';

const setMarks = StateEffect.define<DecorationSet>();
const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(v, tr) {
    v = v.map(tr.changes);
    for (const e of tr.effects) if (e.is(setMarks)) v = e.value;
    return v;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const callMark = Decoration.mark({ class: 'cm-call-mark' });
const keyMark = Decoration.mark({ class: 'cm-key-mark' });
const errorLine = Decoration.line({ class: 'cm-error-line' });

/** The minimal single change turning `a` into `b` (common prefix and suffix kept). */
function diff(a: string, b: string): { from: number; to: number; insert: string } {
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { from: s, to: ea, insert: b.slice(s, eb) };
}

function errorRange(report: RunReport, doc: EditorState['doc']): { from: number; to: number; line: number } | null {
  const e = report.error;
  if (!e) return null;
  if (e.span && e.span.to <= doc.length) return { from: e.span.from, to: Math.max(e.span.to, e.span.from + 1), line: e.span.line };
  const frame = [...e.traceback].reverse().find((f) => f.filename === report.filename);
  if (!frame || frame.line < 1 || frame.line > doc.lines) return null;
  const l = doc.line(frame.line);
  const indent = /^\s*/.exec(l.text)![0].length;
  return { from: l.from + indent, to: Math.max(l.to, l.from + indent + 1), line: frame.line };
}

/** Decorations and diagnostics for the current store state (only when the report matches the text). */
function syncMarks(view: EditorView, s: LabState): void {
  const doc = view.state.doc;
  const fresh = s.report !== null && s.reportScript === s.script && doc.toString() === s.script;
  const ranges = [];
  const diags: Diagnostic[] = [];
  if (fresh && s.report) {
    const call = selectedCallOf(s);
    if (call?.span && call.span.to <= doc.length) ranges.push(callMark.range(call.span.from, call.span.to));
    const key = s.selectedNode && !s.selectedNode.startsWith('m:') ? s.selectedNode : null;
    const ks = key && call ? call.keySpans[key] : undefined;
    if (ks && ks.to <= doc.length) ranges.push(keyMark.range(ks.from, ks.to));
    const er = errorRange(s.report, doc);
    if (er) {
      ranges.push(errorLine.range(doc.line(er.line).from));
      diags.push({ from: er.from, to: Math.min(er.to, doc.length), severity: 'error', message: `${s.report.error!.type}: ${s.report.error!.message}` });
    }
  }
  view.dispatch({ effects: setMarks.of(Decoration.set(ranges, true)) }, setDiagnostics(view.state, diags));
}

export function Editor() {
  const host = useRef<HTMLDivElement>(null);
  const api = useLabApi();

  useEffect(() => {
    let applyingStore = false;
    const keysOfSelected = (): string[] => {
      const s = api.getState();
      const snap = treeSnapshotOf(s.report, selectedCallOf(s), 'entry');
      return snap ? validKeys(snap.root) : [];
    };
    const extensions: Extension[] = [
      Prec.highest(
        keymap.of([
          { key: 'Mod-Enter', run: () => (api.getState().runNow(), true) },
          { key: 'Escape', run: () => (api.getState().run.status === 'running' ? (api.getState().cancelRun(), true) : false) },
        ]),
      ),
      basicSetup,
      python(),
      labHighlighting,
      autocompletion({ override: [labCompletions(keysOfSelected)] }),
      marksField,
      // tabindex: axe (and some screen readers) do not count a bare contenteditable as focusable.
      EditorView.contentAttributes.of({ 'aria-label': 'Python script', 'data-testid': 'editor', tabindex: '0' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !applyingStore) api.getState().setScript(u.state.doc.toString());
      }),
    ];
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({ doc: api.getState().script, extensions }),
    });
    syncMarks(view, api.getState());
    const unsub = api.subscribe((s, prev) => {
      const text = view.state.doc.toString();
      if (s.script !== text) {
        applyingStore = true;
        view.dispatch({ changes: diff(text, s.script) });
        applyingStore = false;
      }
      if (s.editorFocus && s.editorFocus !== prev.editorFocus) {
        const { from, to } = s.editorFocus;
        const len = view.state.doc.length;
        view.dispatch({ selection: { anchor: Math.min(from, len), head: Math.min(to, len) }, scrollIntoView: true });
        view.focus();
      }
      if (s.report !== prev.report || s.selectedCall !== prev.selectedCall || s.selectedNode !== prev.selectedNode || s.script !== prev.script) {
        syncMarks(view, s);
      }
    });
    return () => {
      unsub();
      view.destroy();
    };
  }, [api]);

  return (
    <>
      <div className="pane-head">
        <h2>main.py</h2>
        <span className="spacer" />
        <span className="note" style={{ textTransform: 'none', letterSpacing: 0 }}>Python · PyTorch 2.6 subset</span>
      </div>
      <div className="editor-host" ref={host} />
    </>
  );
}
