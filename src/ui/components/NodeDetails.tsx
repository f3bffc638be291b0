// The lower part of the tree pane: the selected node up close — a leaf's tensor (values,
// heatmap, torch's repr), its key, and a button to put it in the override dict; a module's class
// and counts. With nothing selected, a legend of the tree's marks.

import { useLab, useLabApi, useSelectedCall, treeSnapshotOf } from '../../store/hooks';
import { allRows } from '../model/treeRows';
import { addKeyToCall } from '../edit/actions';
import { TensorView, lookupTensor } from './TensorView';

export function NodeDetails() {
  const api = useLabApi();
  const report = useLab((s) => s.report);
  const selected = useLab((s) => s.selectedNode);
  const when = useLab((s) => s.snapshotWhen);
  const call = useSelectedCall();
  const snap = treeSnapshotOf(report, call, call ? when : 'end');
  const row = snap && selected ? allRows(snap.root, snap.binding).find((r) => (r.key ? r.key === selected : `m:${r.path}` === selected)) : undefined;
  // No module to show: the tree's own message says why; an empty box keeps the pane from jumping.
  if (report && !snap) return <div className="node-details" data-testid="node-details" aria-hidden="true" />;
  if (!report || !snap || !row) {
    return (
      <div className="node-details legend" data-testid="node-details">
        <span><span className="icon-param">●</span> parameter</span>
        <span><span className="icon-buffer">◆</span> buffer</span>
        <span><span className="icon-param-p">ƒ</span> parametrized</span>
        <span><svg width="16" height="12" aria-hidden><path d="M 14 2 C 6 2, 6 10, 14 10" fill="none" stroke="var(--tie)" strokeWidth="1.6" /></svg> same tensor (tie)</span>
        <span className="note">Click a leaf to see its values; <b>+ add</b> puts it in the override dict. ↑/↓ move, ←/→ fold.</span>
      </div>
    );
  }
  const t = lookupTensor(report, row.tensor);
  const grad = row.key ? lookupTensor(report, call?.grads?.[row.key]) : undefined;
  const inDict = !!row.key && !!call && (row.key in call.keySpans || call.keys.includes(row.key));
  return (
    <div className="node-details" data-testid="node-details">
      <div className="nd-head">
        <code>{row.key ? `'${row.key}'` : row.path || snap.binding}</code>
        <span className="note">{row.kind === 'module' ? row.className : row.kind}</span>
        <span style={{ flex: 1 }} />
        {row.key && call && call.dictSpan && !inDict && row.kind !== 'parametrized' && (
          <button className="btn btn-small" onClick={() => addKeyToCall(api, row.key!, row.tensor)}>+ add to dict</button>
        )}
        {inDict && <span className="tag tag-key">in the dict</span>}
      </div>
      {grad && (
        <div className="nd-grad" data-testid="node-grad">
          <span className="note">∂/∂{row.key} in this call</span>
          <TensorView t={grad} compact label={`gradient of ${row.key}`} />
        </div>
      )}
      {t ? <TensorView t={t} /> : row.kind === 'parametrized' ? (
        <p className="note">Computed on access: <code>{['original', ...(row.chain ?? [])].join(' → ')}</code>. Overriding <code>'{row.key}'</code> sets the original through <code>right_inverse</code>.</p>
      ) : <p className="note">No tensor here.</p>}
    </div>
  );
}
