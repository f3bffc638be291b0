// The page: toolbar, then the workspace — script editor, module tree, call inspector side by side,
// the console below (DESIGN "Look and feel"), with splitters between them (layout/Workspace.tsx;
// sizes kept per browser, not in links). Sizes change only when the user drags or keys a
// splitter, so nothing moves while a run is going. Below ~900 px the panes stack.
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
import { Workspace } from './layout/Workspace';
import { useFileDrop } from './share/useFileDrop';

export function App() {
  const api = useLabApi();
  usePageKeys({ escapeStops: true });
  const dragging = useFileDrop(api);
  return (
    <div className="app">
      <Toolbar />
      <Workspace
        editor={<Editor />}
        tree={<ModuleTree />}
        inspector={<CallInspector />}
        console={<Console />}
        overlays={
          <>
            <Banner />
            <Notice />
          </>
        }
      />
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop a .py file to open it</div>}
    </div>
  );
}
