// The module tree: modules as collapsible rows, parameters and buffers as leaves with shape,
// dtype and a small value heatmap, parametrized tensors as their chain `original → P0 → weight`,
// shared submodules as references — and ties drawn as arcs joining every name of one tensor.
// Rows are virtualized (only the visible window is in the DOM), so thousands of nodes stay
// smooth. A click selects a node (the editor marks its dict entry, the inspector offers to add
// it); the current trace step lights up the keys it touches.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useLab, useLabApi, useSelectedCall, treeSnapshotOf } from '../../store/hooks';
import type { CallRecord, RunReport } from '../../run/report';
import { tieLinks, visibleRows, type TreeRow } from '../model/treeRows';
import { slotsAt, traceSteps } from '../model/traceSteps';
import type { ValueRef } from '../../nn/trace';
import { Heatmap } from './Heatmap';
import { lookupTensor, shapeText } from './TensorView';
import { addKeyToCall } from '../edit/actions';
import { NodeDetails } from './NodeDetails';

const ROW_H = 26;
const GUTTER = 26; // room on the left for tie arcs
const INDENT = 14;
/** Rows drawn beyond the visible window on each side, so fast scrolling shows no blank rows. */
const OVERSCAN = 8;

function RowIcon({ row }: { row: TreeRow }) {
  switch (row.kind) {
    case 'module':
      return null;
    case 'param':
      return <span className="icon icon-param" aria-hidden>●</span>;
    case 'buffer':
      return <span className="icon icon-buffer" aria-hidden>◆</span>;
    case 'parametrized':
      return <span className="icon icon-param-p" aria-hidden>ƒ</span>;
    case 'original':
      return <span className="icon icon-param-p" aria-hidden>●</span>;
    case 'ref':
      return <span className="icon" aria-hidden>↪</span>;
  }
}

function tagsFor(row: TreeRow, call: CallRecord | null): ReactElement[] {
  const out: ReactElement[] = [];
  if (!row.key || !call) return out;
  const t = call.trace;
  if (call.keys.includes(row.key) || row.key in call.keySpans) out.push(<span key="o" className="tag tag-key">override</span>);
  const exp = t.expanded.find((e) => e.key === row.key && e.added);
  if (exp) out.push(<span key="t" className="tag tag-tie" title={`filled from '${exp.from}'`}>tie ← {exp.from}</span>);
  if (t.strictVerdict?.missing.includes(row.key)) out.push(<span key="m" className="tag tag-err">missing</span>);
  if (call.notRestored.includes(row.key)) out.push(<span key="n" className="tag tag-inplace">not restored</span>);
  if (call.grads?.[row.key]) out.push(<span key="g" className="tag tag-grad" title="This call has a gradient for this key (see Gradients in the inspector)">∂</span>);
  return out;
}

export function ModuleTree() {
  const api = useLabApi();
  const report = useLab((s) => s.report);
  const call = useSelectedCall();
  const when = useLab((s) => s.snapshotWhen);
  const collapsed = useLab((s) => s.collapsed);
  const selected = useLab((s) => s.selectedNode);
  const tab = useLab((s) => s.inspectorTab);
  const step = useLab((s) => s.traceStep);
  const snap = treeSnapshotOf(report, call, call ? when : 'end');
  const rows = useMemo(() => (snap ? visibleRows(snap.root, snap.binding, collapsed) : []), [snap, collapsed]);
  const [highlight, slots] = useMemo(() => {
    if (tab !== 'trace' || !call) return [new Set<string>(), new Map<string, ValueRef>()] as const;
    const steps = traceSteps(call.trace);
    return [new Set(steps[step]?.keys ?? []), slotsAt(steps, step)] as const;
  }, [tab, call, step]);

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN);
  const index = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const links = useMemo(() => (report ? tieLinks(rows, report) : []), [rows, report]);
  const refs = rows.filter((r) => r.kind === 'ref' && index.has(`m:${r.refPath}`));

  const selectRow = (r: TreeRow) => api.getState().selectNode(r.key ?? `m:${r.path}`);
  const rowSelected = (r: TreeRow) => selected !== null && (r.key ? selected === r.key : selected === `m:${r.path}` && r.kind === 'module');
  const selIndex = rows.findIndex(rowSelected);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const cur = selIndex;
    const move = (i: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (!r) return;
      selectRow(r);
      const el = scroller.current!;
      const y = rows.indexOf(r) * ROW_H;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_H - el.clientHeight;
    };
    if (e.key === 'ArrowDown') move(cur + 1);
    else if (e.key === 'ArrowUp') move(cur < 0 ? 0 : cur - 1);
    else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && cur >= 0 && rows[cur].hasChildren) {
      const isCollapsed = rows[cur].collapsed;
      if ((e.key === 'ArrowLeft') !== isCollapsed) api.getState().toggleCollapsed(rows[cur].id);
    } else if ((e.key === 'Enter' || e.key === '+') && cur >= 0 && rows[cur].key) addKeyToCall(api, rows[cur].key!, rows[cur].tensor);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <div className="pane-head">
        <h2>Module</h2>
        {snap && <span className="mono" style={{ textTransform: 'none', letterSpacing: 0, color: 'var(--text)' }}>{snap.binding}</span>}
        <span className="spacer" />
        {call && (
          <div className="seg tree-toolbar" role="group" aria-label="Which picture of the module">
            {(['entry', 'exit', 'end'] as const).map((w) => (
              <button key={w} aria-pressed={when === w} onClick={() => api.getState().setSnapshotWhen(w)}
                title={w === 'end' ? 'After the script finished' : `At the call's ${w}`}>
                {w === 'entry' ? 'at call' : w === 'exit' ? 'after call' : 'at end'}
              </button>
            ))}
          </div>
        )}
      </div>
      <div
        className="tree-scroll"
        ref={scroller}
        tabIndex={0}
        role="tree"
        aria-label="Module tree"
        aria-activedescendant={selIndex >= 0 ? `row-${selIndex}` : undefined}
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        onKeyDown={onKey}
        data-testid="module-tree"
      >
        {!snap && <Empty report={report} />}
        <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
          <svg className="tie-svg" width={GUTTER} height={rows.length * ROW_H} aria-hidden>
            {links.map((g) => {
              const ys = g.map((id) => index.get(id)!).sort((a, b) => a - b);
              return ys.slice(1).map((yi, k) => {
                const a = ys[k] * ROW_H + ROW_H / 2;
                const b = yi * ROW_H + ROW_H / 2;
                const bend = Math.min(GUTTER - 4, 8 + (b - a) / 12);
                return (
                  <g key={`${g[0]}-${k}`}>
                    <path d={`M ${GUTTER} ${a} C ${GUTTER - bend} ${a}, ${GUTTER - bend} ${b}, ${GUTTER} ${b}`} />
                    <circle cx={GUTTER} cy={a} r={2.2} />
                    <circle cx={GUTTER} cy={b} r={2.2} />
                  </g>
                );
              });
            })}
            {refs.map((r) => {
              const a = index.get(`m:${r.refPath}`)! * ROW_H + ROW_H / 2;
              const b = index.get(r.id)! * ROW_H + ROW_H / 2;
              const bend = Math.min(GUTTER - 2, 10 + Math.abs(b - a) / 10);
              return <path key={r.id} strokeDasharray="3 2" d={`M ${GUTTER} ${a} C ${GUTTER - bend} ${a}, ${GUTTER - bend} ${b}, ${GUTTER} ${b}`} />;
            })}
          </svg>
          {rows.slice(first, last).map((r, k) => (
            <Row
              key={r.id}
              i={first + k}
              row={r}
              report={report!}
              call={call}
              selected={rowSelected(r)}
              highlighted={!!r.key && highlight.has(r.key)}
              swappedIn={r.key ? slots.get(r.key) : undefined}
              tied={links.some((g) => g.includes(r.id))}
              onSelect={() => selectRow(r)}
              onToggle={() => api.getState().toggleCollapsed(r.id)}
              onAdd={r.key ? () => addKeyToCall(api, r.key!, r.tensor) : undefined}
            />
          ))}
        </div>
      </div>
      <NodeDetails />
    </>
  );
}

function Empty({ report }: { report: RunReport | null }) {
  return (
    <div className="empty">
      {report?.error ? (
        <>
          <strong>The script stopped with {report.error.type}</strong> before any module was bound to a name.
        </>
      ) : report ? (
        <>
          <strong>No module yet.</strong> Bind an <code>nn.Module</code> to a name in the script and run it.
        </>
      ) : (
        <>
          <strong>Run the script</strong> (Ctrl+Enter) to see its modules.
        </>
      )}
    </div>
  );
}

interface RowProps {
  i: number;
  row: TreeRow;
  report: RunReport;
  call: CallRecord | null;
  selected: boolean;
  highlighted: boolean;
  /** During trace stepping: what the slot holds at this step, when an override is swapped in. */
  swappedIn?: ValueRef;
  tied: boolean;
  onSelect: () => void;
  onToggle: () => void;
  onAdd?: () => void;
}

function Row({ i, row, report, call, selected, highlighted, swappedIn, tied, onSelect, onToggle, onAdd }: RowProps) {
  const t = swappedIn?.kind === 'tensor' ? lookupTensor(report, `${swappedIn.id}@${swappedIn.version}`) : lookupTensor(report, row.tensor);
  const inDict = !!row.key && !!call && (row.key in call.keySpans || call.keys.includes(row.key));
  const canAdd = !!onAdd && !!call && call.dictSpan !== null && !inDict && row.kind !== 'module' && row.kind !== 'ref';
  return (
    <div
      id={`row-${i}`}
      className={`tree-row${row.kind === 'module' ? ' module-row' : ''}${highlighted ? ' hl' : ''}`}
      role="treeitem"
      aria-selected={selected}
      aria-expanded={row.hasChildren ? !row.collapsed : undefined}
      aria-level={row.depth + 1}
      style={{ top: i * ROW_H, paddingLeft: GUTTER + 4 + row.depth * INDENT }}
      onClick={onSelect}
      data-key={row.key ?? undefined}
      data-testid={row.key ? `leaf-${row.key}` : `node-${row.path}`}
    >
      {row.hasChildren ? (
        <span className="twisty" onClick={(e) => (e.stopPropagation(), onToggle())} aria-hidden>
          {row.collapsed ? '▸' : '▾'}
        </span>
      ) : (
        row.kind === 'module' && <span className="twisty" aria-hidden />
      )}
      <RowIcon row={row} />
      <span className="name" style={row.kind === 'module' ? { fontWeight: 600 } : undefined} title={row.key ?? row.path ?? undefined}>{row.name}</span>
      {row.kind === 'module' && <span className="cls">{row.className}</span>}
      {row.kind === 'module' && row.extra && <span className="extra" title={`${row.className}(${row.extra})`}>{row.extra}</span>}
      {row.kind === 'ref' && <span className="cls">same module as <code>{row.refPath || 'root'}</code></span>}
      {row.kind === 'parametrized' && <span className="chain">{['original', ...(row.chain ?? []), row.name].join(' → ')}</span>}
      {t && <span className="meta">{shapeText(t)}{t.dtype !== 'float32' ? ` ${t.dtype}` : ''}</span>}
      {row.kind === 'buffer' && row.persistent === false && <span className="tag">non-persistent</span>}
      {tied && <span className="tag tag-tie" title="This name shares its tensor with another name">tied</span>}
      {swappedIn ? <span className="tag tag-inplace" title="During the call this slot holds the override">swapped in</span> : tagsFor(row, call)}
      <span className="grow" />
      {t && t.preview.length > 0 && (
        <span className="mini-heat"><Heatmap tensor={t} cell={7} maxCols={12} maxRows={3} /></span>
      )}
      {canAdd && selected && (
        <button className="btn btn-small tree-add" onClick={(e) => (e.stopPropagation(), onAdd!())} data-testid="tree-add-key" title="Add this key to the override dict">
          + add
        </button>
      )}
    </div>
  );
}
