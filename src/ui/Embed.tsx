// Embed mode (`?embed=1`): the compact page for slides and blog posts — the script, the module
// tree and the printed result, with Run and a link that opens the same state (script and
// selection, as a share link) in the full playground. Same store and components as the App.

import { useEffect, useState } from 'react';
import { useLab, useLabApi } from '../store/hooks';
import { usePageKeys } from './usePageKeys';
import { Editor } from './components/Editor';
import { ModuleTree } from './components/ModuleTree';
import { Console } from './components/Console';
import { Banner } from './components/Banner';
import { Notice } from './components/Notice';
import { encodeLink } from '../share/link';
import { pageBase, sharedOf } from './share/pageLink';

/** The full playground's URL for the current state, kept fresh as the script or selection change. */
function useFullUrl(): string {
  const api = useLabApi();
  const [url, setUrl] = useState(pageBase());
  const shared = useLab((s) => JSON.stringify(sharedOf(s)));
  useEffect(() => {
    let live = true;
    // Debounced: typing in the editor should not re-encode on every key.
    const t = setTimeout(() => {
      encodeLink(sharedOf(api.getState()))
        .then((h) => live && setUrl(`${pageBase()}#${h}`))
        .catch(() => live && setUrl(pageBase()));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [shared, api]);
  return url;
}

export function EmbedApp() {
  const api = useLabApi();
  const run = useLab((s) => s.run);
  const report = useLab((s) => s.report);
  const url = useFullUrl();
  usePageKeys({ escapeStops: false });
  const running = run.status === 'running';
  const status = running ? 'Running…' : report ? (report.error ? `Raised ${report.error.type}` : 'Ran with torch.manual_seed(0)') : '';
  return (
    <div className="embed" data-testid="embed">
      <header className="embed-bar">
        <h1 className="brand">
          <svg width="16" height="16" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="10" cy="11" r="3.4" fill="var(--accent)" />
            <circle cx="22" cy="11" r="3.4" fill="var(--accent)" />
            <circle cx="16" cy="22" r="3.4" fill="var(--inplace)" />
            <path d="M10 11 L16 22 L22 11" stroke="var(--text-dim)" strokeWidth="1.6" fill="none" />
          </svg>
          Reparam Lab
        </h1>
        <button className="btn btn-primary btn-small" onClick={() => api.getState().runNow()} disabled={running} data-testid="run">
          ▶ Run
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="run-status">{status}</span>
        <span className="spacer" />
        <a className="open-full" href={url} target="_blank" rel="noopener" data-testid="open-full">
          Open in full playground <span aria-hidden="true">↗</span>
        </a>
      </header>
      <main className="workspace">
        <section className="pane pane-editor" aria-label="Script editor">
          <Editor />
        </section>
        <section className="pane pane-tree" aria-label="Module tree">
          <ModuleTree />
        </section>
        <section className="pane pane-console" aria-label="Result">
          <Console />
        </section>
        <Banner />
        <Notice />
      </main>
    </div>
  );
}
