// The playground's working area below the toolbar: editor | module tree | call inspector, the
// console underneath, and the three splitters between them (DESIGN "Look and feel"). The sizes
// are CSS variables on this grid (styles.css reads them), so a drag re-renders only this
// component and its bars — the panes arrive as ready-made elements and React leaves them alone.
// The layout lives here, not in the store: it is this browser's preference (persist.ts), never
// part of a share link. Widths that no longer fit a smaller window are fitted on the fly
// (clampCols) without overwriting what was saved, so widening the window brings them back.
// Below ~900 px the stylesheet stacks the panes and hides the splitters.

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Splitter } from './Splitter';
import { LAYOUT_KEY, loadLayout, saveLayout } from './persist';
import {
  DEFAULT_LAYOUT, boundaries, boundaryRange, clampCols, clampConsole, consoleRange, moveBoundaryBy, moveBoundaryTo,
  type Cols, type KeyMove, type Layout,
} from './split';

/** Width of each splitter track (px): the visible 1 px line between panes. Its grab area is
 * wider (styles.css, ::after), overlapping the panes beside it. */
const BAR_PX = 1;
const PANE_LABELS = ['Script editor', 'Module tree', 'Call inspector'] as const;
const PANE_IDS = ['pane-editor', 'pane-tree', 'pane-inspector'] as const;

export interface WorkspaceProps {
  editor: ReactNode;
  tree: ReactNode;
  inspector: ReactNode;
  console: ReactNode;
  /** Floating messages (banner, notice), placed after the panes. */
  overlays?: ReactNode;
}

interface Box {
  width: number;
  height: number;
}

const pct = (f: number) => Math.round(f * 1000) / 10;

export function Workspace({ editor, tree, inspector, console: consolePane, overlays }: WorkspaceProps) {
  const [layout, setLayout] = useState<Layout>(loadLayout);
  const latest = useRef(layout);
  latest.current = layout;
  const grid = useRef<HTMLElement>(null);
  const panes = useRef<(HTMLElement | null)[]>([]);
  const consoleEl = useRef<HTMLElement>(null);
  // Room for the three columns (row width less the bars) and for panes + console (height less
  // the bar); a guess before the first measurement, then whatever the grid reports.
  const [box, setBox] = useState<Box>(() => ({ width: window.innerWidth - 2 * BAR_PX, height: window.innerHeight - 45 - BAR_PX }));
  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const r = entry.contentRect;
      setBox((b) => (b.width === r.width - 2 * BAR_PX && b.height === r.height - BAR_PX ? b : { width: r.width - 2 * BAR_PX, height: r.height - BAR_PX }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Another tab changed the layout: follow it (one preference per browser).
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === LAYOUT_KEY) setLayout(loadLayout());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const cols = clampCols(layout.cols, box.width);
  const consolePx = clampConsole(layout.consolePx, box.height);
  const save = useCallback(() => saveLayout(latest.current), []);
  /** A new layout on screen; `latest` follows at once, so a save right after sees it. */
  const show = (next: Layout) => {
    latest.current = next;
    setLayout(next);
  };
  const commit = (next: Layout) => {
    show(next);
    saveLayout(next);
  };

  // A drag works from what is on screen when it starts (one measurement), then from offsets.
  const start = useRef<{ cols: Cols; width: number; consolePx: number; height: number } | null>(null);
  const measure = () => {
    const w = panes.current.map((p) => p?.getBoundingClientRect().width ?? 0);
    const width = w[0] + w[1] + w[2];
    const c = consoleEl.current?.getBoundingClientRect().height ?? consolePx;
    start.current = {
      cols: width > 0 ? [w[0] / width, w[1] / width, w[2] / width] : cols,
      width: width > 0 ? width : box.width,
      consolePx: c,
      height: box.height,
    };
  };

  const colBar = (i: 0 | 1) => {
    const range = boundaryRange(cols, i, box.width);
    const onKey = (m: Exclude<KeyMove, null>) => {
      const pos = 'to' in m ? range[m.to] : boundaries(cols)[i] + m.step;
      commit({ ...latest.current, cols: moveBoundaryTo(cols, i, pos, box.width) });
    };
    return (
      <Splitter
        orientation="vertical"
        label={`Resize ${PANE_LABELS[i].toLowerCase()} and ${PANE_LABELS[i + 1].toLowerCase()}`}
        controls={`${PANE_IDS[i]} ${PANE_IDS[i + 1]}`}
        value={pct(boundaries(cols)[i])}
        min={pct(range.min)}
        max={pct(range.max)}
        valueText={`${PANE_LABELS[i]} ${Math.round(cols[i] * 100)}%, ${PANE_LABELS[i + 1].toLowerCase()} ${Math.round(cols[i + 1] * 100)}% of the width`}
        className={`split-col-${i}`}
        testId={`splitter-${i === 0 ? 'editor-tree' : 'tree-inspector'}`}
        onDragStart={measure}
        onDrag={(dx) => {
          const s = start.current;
          if (s) show({ ...latest.current, cols: moveBoundaryBy(s.cols, i, dx, s.width) });
        }}
        onDragEnd={save}
        onKey={onKey}
        onReset={() => commit({ ...latest.current, cols: moveBoundaryTo(cols, i, boundaries(DEFAULT_LAYOUT.cols)[i], box.width) })}
      />
    );
  };

  const cRange = consoleRange(box.height);
  const vars = {
    '--col-editor': `${cols[0] * 1000}fr`,
    '--col-tree': `${cols[1] * 1000}fr`,
    '--col-inspector': `${cols[2] * 1000}fr`,
    '--console-h': `${consolePx}px`,
  } as CSSProperties;

  return (
    <main className="workspace" ref={grid} style={vars} data-testid="workspace">
      <section className="pane pane-editor" id={PANE_IDS[0]} aria-label="Script editor" ref={(el) => void (panes.current[0] = el)}>
        {editor}
      </section>
      {colBar(0)}
      <section className="pane pane-tree" id={PANE_IDS[1]} aria-label="Module tree" ref={(el) => void (panes.current[1] = el)}>
        {tree}
      </section>
      {colBar(1)}
      <section className="pane pane-inspector" id={PANE_IDS[2]} aria-label="Call inspector" ref={(el) => void (panes.current[2] = el)}>
        {inspector}
      </section>
      <Splitter
        orientation="horizontal"
        label="Resize console"
        controls="pane-console"
        value={consolePx}
        min={cRange.min}
        max={cRange.max}
        valueText={`Console ${consolePx} pixels high`}
        className="split-console"
        testId="splitter-console"
        onDragStart={measure}
        onDrag={(dy) => {
          const s = start.current;
          // Dragging up (negative dy) makes the console taller.
          if (s) show({ ...latest.current, consolePx: clampConsole(s.consolePx - dy, s.height) });
        }}
        onDragEnd={save}
        onKey={(m) => commit({ ...latest.current, consolePx: clampConsole('to' in m ? cRange[m.to] : consolePx + m.step, box.height) })}
        onReset={() => commit({ ...latest.current, consolePx: clampConsole(DEFAULT_LAYOUT.consolePx, box.height) })}
      />
      <section className="pane pane-console" id="pane-console" aria-label="Console" ref={consoleEl}>
        {consolePane}
      </section>
      {overlays}
    </main>
  );
}
