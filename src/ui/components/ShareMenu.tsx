// The toolbar's share actions: copy a link to this exact state, export the script as a .py file
// real PyTorch runs the same way, and open a .py file (dropping one on the page works too).

import { useRef } from 'react';
import { useLabApi } from '../../store/hooks';
import { copyLink, downloadExport, loadFile } from '../share/pageLink';

/** 14px stroke icons (text glyphs for these are missing from common UI fonts). */
function Icon({ d }: { d: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}
const LINK = 'M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5';
const DOWN = 'M8 2.5v8M4.8 7.5L8 10.7l3.2-3.2M3 13.5h10';
const UP = 'M8 10.5v-8M4.8 5.5L8 2.3l3.2 3.2M3 13.5h10';

export function ShareMenu() {
  const api = useLabApi();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="share-group">
      <button className="btn" onClick={() => void copyLink(api)} title="Copy a link to this script and selection" data-testid="copy-link">
        <Icon d={LINK} /> <span className="btn-label">Copy link</span>
      </button>
      <button className="btn" onClick={() => downloadExport(api.getState().script)} title="Download the script as a .py file (seeded like the playground)" data-testid="export-py">
        <Icon d={DOWN} /> <span className="btn-label">Export .py</span>
      </button>
      <button className="btn" onClick={() => input.current?.click()} title="Open a .py file (or drop one on the page)" data-testid="open-py">
        <Icon d={UP} /> <span className="btn-label">Open</span>
      </button>
      <input
        ref={input}
        type="file"
        accept=".py,.txt,text/x-python,text/plain"
        hidden
        aria-label="Open a .py file"
        data-testid="open-py-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void loadFile(api, f);
        }}
      />
    </span>
  );
}
