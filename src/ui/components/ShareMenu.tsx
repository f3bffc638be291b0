// The toolbar's share actions: copy a link to this exact state, export the script as a .py file
// real PyTorch runs the same way, and open a .py file (dropping one on the page works too).

import { useRef } from 'react';
import { useLabApi } from '../../store/hooks';
import { copyLink, downloadExport, loadFile } from '../share/pageLink';

export function ShareMenu() {
  const api = useLabApi();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="share-group">
      <button className="btn" onClick={() => void copyLink(api)} title="Copy a link to this script and selection" data-testid="copy-link">
        <span aria-hidden="true">⧉</span> Copy link
      </button>
      <button className="btn" onClick={() => downloadExport(api.getState().script)} title="Download the script as a .py file (seeded like the playground)" data-testid="export-py">
        <span aria-hidden="true">⤓</span> Export .py
      </button>
      <button className="btn" onClick={() => input.current?.click()} title="Open a .py file (or drop one on the page)" data-testid="open-py">
        <span aria-hidden="true">⤒</span> Open
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
