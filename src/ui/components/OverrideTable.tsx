// The override dict as a table: key, value expression (editable when the dict is a literal),
// shape of the tensor actually swapped in, and badges saying what functional_call made of each
// key. Below it, "add a key" offers every valid key of the module (the tree's selected leaf
// first). Each edit is a minimal rewrite of the script followed by a rerun.

import { useEffect, useState } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import type { CallRecord, ModuleNode, RunReport } from '../../run/report';
import { overrideRows, BADGE_HELP, BADGE_TEXT, type Badge } from '../model/overrideRows';
import { validKeys } from '../model/treeRows';
import { traceSteps } from '../model/traceSteps';
import { addKeyToCall, removeKeyFromCall, setKeyValue } from '../edit/actions';
import { lookupTensor, shapeText } from './TensorView';
import { pyStringLiteral } from '../edit/edits';

const BADGE_CLASS: Record<Badge['kind'], string> = {
  override: 'tag-key', 'tie-filled': 'tag-tie', tied: 'tag-tie', missing: 'tag-err', unexpected: 'tag-warn',
  conflict: 'tag-err', 'right-inverse': 'tag-tie', 'in-place': 'tag-inplace', 'written-back': 'tag-inplace',
};

function ValueCell({ k, text, editable }: { k: string; text: string; editable: boolean }) {
  const api = useLabApi();
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  if (!editable) return <code>{text}</code>;
  const commit = () => {
    if (draft.trim() && draft !== text) setKeyValue(api, k, draft.trim());
    else setDraft(text);
  };
  return (
    <input className="val" value={draft} aria-label={`value of '${k}'`} spellCheck={false}
      onChange={(e) => setDraft(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.preventDefault(), commit());
        if (e.key === 'Escape') setDraft(text);
      }}
      data-testid={`value-${k}`} />
  );
}

/** `passedAs`: for a dict that is not a literal but a plain reference (`params`), that reference —
 * each key's value reads as `params['key']`. */
export function OverrideTable({ call, report, entry, editable, passedAs = null }: {
  call: CallRecord; report: RunReport; entry: ModuleNode | null; editable: boolean; passedAs?: string | null;
}) {
  const api = useLabApi();
  const selectedNode = useLab((s) => s.selectedNode);
  const tab = useLab((s) => s.inspectorTab);
  const step = useLab((s) => s.traceStep);
  const rows = overrideRows(call, entry);
  const hl = new Set(tab === 'trace' ? (traceSteps(call.trace)[step]?.keys ?? []) : []);
  const swappedIn = new Map(call.trace.swaps.filter((s) => s.phase === 'swap' && s.after.kind === 'tensor').map((s) => [s.key, s.after]));
  const offered = entry ? validKeys(entry).filter((k) => !(k in call.keySpans)) : [];
  const preferred = selectedNode && offered.includes(selectedNode) ? selectedNode : (offered[0] ?? '');
  const [choice, setChoice] = useState(preferred);
  useEffect(() => setChoice(preferred), [preferred]);
  const tensorOfKey = (k: string) => {
    const row = entry ? rows.find((r) => r.key === k) : undefined;
    return row?.moduleTensor ?? null;
  };
  return (
    <>
      <table className="ov" data-testid="override-table">
        <thead>
          <tr><th>key</th><th>value</th><th>shape</th><th>status</th><th><span className="sr-only">remove</span></th></tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={5} className="note">Empty dict: the module runs with its own tensors.</td></tr>
          )}
          {rows.map((r) => {
            const sw = swappedIn.get(r.key);
            const t = sw && sw.kind === 'tensor' ? lookupTensor(report, `${sw.id}@${sw.version}`) : lookupTensor(report, r.moduleTensor);
            return (
              <tr key={r.key} className={hl.has(r.key) ? 'hl' : selectedNode === r.key ? 'sel' : undefined} data-testid={`ov-row-${r.key}`}>
                <td className="k">
                  <button className="linklike" style={{ color: 'var(--text)', textDecoration: 'none' }}
                    onClick={() => {
                      api.getState().selectNode(r.key);
                      const ks = call.keySpans[r.key];
                      if (ks) api.getState().focusEditor(ks.from, ks.to);
                    }}>
                    '{r.key}'
                  </button>
                </td>
                <td>
                  {r.valueText !== null ? (
                    <ValueCell k={r.key} text={r.valueText} editable={editable && r.inLiteral} />
                  ) : (
                    <span className="note">
                      {tieSource(r.badges) !== null ? <>value of <code>'{tieSource(r.badges)}'</code></>
                        : passedAs !== null && call.keys.includes(r.key) ? <code className="passed-as" title="read from the dict the call was given">{passedAs}[{pyStringLiteral(r.key)}]</code>
                          : '—'}
                    </span>
                  )}
                </td>
                <td className="mono">{t ? shapeText(t) : ''}</td>
                <td>
                  <span className="badges">
                    {r.badges.map((b, i) => (
                      <span key={i} className={`tag ${BADGE_CLASS[b.kind]}`} title={BADGE_HELP[b.kind]}>
                        {BADGE_TEXT[b.kind]}
                      </span>
                    ))}
                  </span>
                </td>
                <td>
                  {editable && r.inLiteral && (
                    <button className="btn btn-small btn-ghost" aria-label={`remove '${r.key}'`} title="Remove this key"
                      onClick={() => removeKeyFromCall(api, r.key)} data-testid={`remove-${r.key}`}>✕</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && offered.length > 0 && (
        <div className="add-row">
          <label className="sr-only" htmlFor="add-key">Key to add</label>
          <select id="add-key" className="select" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="add-key-select">
            {offered.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <button className="btn btn-small" disabled={!choice} data-testid="add-key"
            onClick={() => addKeyToCall(api, choice, tensorOfKey(choice))}>+ Add key</button>
        </div>
      )}
    </>
  );
}

function tieSource(badges: Badge[]): string | null {
  for (const b of badges) if (b.kind === 'tie-filled') return b.from;
  return null;
}
