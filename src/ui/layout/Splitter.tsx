// One splitter bar between two parts of the page's grid (Workspace.tsx places them; split.ts does
// the arithmetic). It is the WAI-ARIA "window splitter": a focusable role="separator" with a
// value — arrows move it (Shift for bigger steps), Home/End send it to either end, a double click
// puts it back where the default layout has it. A drag captures the pointer, so it keeps going over the editor
// (or outside the window) and never selects text; moves are coalesced to one per animation frame,
// and the bar reports only pixel offsets from where the drag began — it never measures the page
// while dragging (the owner measures once, at the start), so a drag costs no forced layout.

import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { keyMove, type KeyMove } from './split';

export interface SplitterProps {
  /** 'vertical': a bar between columns (moves left/right); 'horizontal': between rows. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  /** Ids of the panes it resizes (aria-controls). */
  controls: string;
  value: number;
  min: number;
  max: number;
  valueText: string;
  className?: string;
  testId?: string;
  /** A drag begins: the owner measures what it needs, once. */
  onDragStart(): void;
  /** The pointer is `deltaPx` from where the drag began (along the bar's axis of motion). */
  onDrag(deltaPx: number): void;
  /** The drag is over (released, cancelled or capture lost): the owner saves. */
  onDragEnd(): void;
  onKey(move: Exclude<KeyMove, null>): void;
  onReset(): void;
}

interface Drag {
  pointerId: number;
  start: number;
  last: number;
  frame: number;
}

export function Splitter(p: SplitterProps) {
  const drag = useRef<Drag | null>(null);
  const coord = (e: PointerEvent) => (p.orientation === 'vertical' ? e.clientX : e.clientY);
  const cursorClass = p.orientation === 'vertical' ? 'resizing-col' : 'resizing-row';

  // Unmounted mid-drag (the page switched to the narrow layout, say): drop the pending frame
  // and the page-wide cursor.
  useEffect(
    () => () => {
      if (drag.current) cancelAnimationFrame(drag.current.frame);
      document.documentElement.classList.remove('resizing-col', 'resizing-row');
    },
    [],
  );

  const finish = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    drag.current = null;
    cancelAnimationFrame(d.frame);
    if (e.type !== 'pointercancel') p.onDrag(coord(e) - d.start);
    document.documentElement.classList.remove(cursorClass);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    p.onDragEnd();
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={p.orientation}
      aria-label={p.label}
      aria-controls={p.controls}
      aria-valuenow={p.value}
      aria-valuemin={p.min}
      aria-valuemax={p.max}
      aria-valuetext={p.valueText}
      title={`${p.label} (drag, or arrow keys; double-click to reset)`}
      className={`splitter splitter-${p.orientation}${p.className ? ' ' + p.className : ''}`}
      data-testid={p.testId}
      onPointerDown={(e) => {
        if (e.button !== 0 || drag.current) return;
        // No text selection, no native drag; keep the focus on the bar so the keys work next.
        e.preventDefault();
        e.currentTarget.focus({ preventScroll: true });
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { pointerId: e.pointerId, start: coord(e), last: coord(e), frame: 0 };
        document.documentElement.classList.add(cursorClass);
        p.onDragStart();
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || e.pointerId !== d.pointerId) return;
        d.last = coord(e);
        // Many pointer events can arrive per frame; the layout changes at most once per frame.
        if (!d.frame) {
          d.frame = requestAnimationFrame(() => {
            d.frame = 0;
            if (drag.current === d) p.onDrag(d.last - d.start);
          });
        }
      }}
      onPointerUp={finish}
      onPointerCancel={finish}
      onLostPointerCapture={finish}
      onDoubleClick={() => p.onReset()}
      onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const m = keyMove(e.key, e.shiftKey, p.orientation);
        if (!m) return;
        e.preventDefault();
        p.onKey(m);
      }}
    />
  );
}
