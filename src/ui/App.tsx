// The page: toolbar, then three panes — script editor, module tree, call inspector — and the
// console below (DESIGN "Look and feel"). A fixed grid, so nothing moves while a run is going.
// Global keys: Ctrl/Cmd+Enter runs from anywhere; Escape stops a running script. A .py file
// dropped anywhere on the page is opened (useFileDrop).

import { useLabApi } from '../store/hooks';
import { usePageKeys } from './usePageKeys';
import { Toolbar } from './components/Toolbar';
import { Editor } from './components/Editor';
import { ModuleTree } from './components/ModuleTree';
import { CallInspector } from './components/CallInspector';
import { Console } from './components/Console';
import { Notice } from './components/Notice';
import { Banner } from './components/Banner';
import { useFileDrop } from './share/useFileDrop';

export function App() {
  const api = useLabApi();
  usePageKeys({ escapeStops: true });
  const dragging = useFileDrop(api);
  return (
    <div className="app">
      <Toolbar />
      <main className="workspace">
        <section className="pane pane-editor" aria-label="Script editor">
          <Editor />
        </section>
        <section className="pane pane-tree" aria-label="Module tree">
          <ModuleTree />
        </section>
        <section className="pane pane-inspector" aria-label="Call inspector">
          <CallInspector />
        </section>
        <section className="pane pane-console" aria-label="Console">
          <Console />
        </section>
        <Banner />
        <Notice />
      </main>
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop a .py file to open it</div>}
    </div>
  );
}
