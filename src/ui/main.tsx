// The page's entry: creates the store with the default preset, wires the Web Worker run client
// into it, and renders the App — or, with `?embed=1`, the compact EmbedApp. A share link in the
// hash (#v1...) restores its state before the first run; a link pasted into the address bar later
// (hashchange) does the same. `?fixture=<name>` shows a canned report from src/ui/fixtures
// instead of running (for designing the views without the interpreter); the page says so.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EmbedApp } from './Embed';
import { openLink } from './share/pageLink';
import { LabContext } from '../store/hooks';
import { createLabStore, type Theme } from '../store/store';
import { DEFAULT_PRESET, presetById } from '../share/presets';
import { RunClient } from '../run/client';
import type { RunReport } from '../run/report';
import workerUrl from '../run/worker.ts?worker&url';
import './styles.css';

const THEME_KEY = 'reparam-lab.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

const params = new URLSearchParams(location.search);
const store = createLabStore({ script: DEFAULT_PRESET.source, presetId: DEFAULT_PRESET.id, theme: initialTheme() });
store.subscribe((s, prev) => {
  if (s.theme !== prev.theme) localStorage.setItem(THEME_KEY, s.theme);
});

/**
 * The run worker, started from a one-line blob module that imports the real worker script. A blob
 * worker inherits the page's Content-Security-Policy (a worker loaded from its own URL would get
 * only the policy of that response's headers, and the page's policy is a <meta> tag), so the
 * engine runs under the same "no eval" rule as the page; its CPU kernels are plain code generated
 * at build time (src/tensor/cpu/kernels.generated.ts), so they need no eval anywhere.
 */
function createRunWorker(): Worker {
  const src = `import ${JSON.stringify(new URL(workerUrl, location.href).href)};\n`;
  const blob = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const w = new Worker(blob, { type: 'module', name: 'reparam-run' });
  URL.revokeObjectURL(blob);
  return w;
}

const client = new RunClient({
  createWorker: createRunWorker,
  maxMillis: 2000,
  graceMillis: 3000,
  onAdapter: (a, reason) => store.getState().setAdapter(a, reason),
  // A lost device is worth more than a passing notice: it stays until dismissed.
  onNotice: (m) => store.getState().setBanner({ tone: 'error', text: m }),
});
store.getState().setRunner((script, device) => client.run(script, device));

const fixtures = import.meta.glob<{ preset: string; report: RunReport }>('./fixtures/*.report.json', { import: 'default' });
const fixtureName = params.get('fixture');
if (fixtureName && fixtures[`./fixtures/${fixtureName}.report.json`]) {
  void fixtures[`./fixtures/${fixtureName}.report.json`]().then((fx) => {
    const preset = presetById(fx.preset.replace(/\.py$/, ''));
    const script = preset?.source ?? '';
    store.setState({ script, presetId: preset?.id ?? null });
    store.getState().showReport(fx.report, script, 'fixture');
  });
} else {
  void openLink(store, location.hash).then((opened) => {
    if (!opened) store.getState().runNow();
  });
}
// A link pasted into this tab's address bar changes only the hash: open it too. (Copy link sets
// the hash with replaceState, which fires no hashchange.)
window.addEventListener('hashchange', () => void openLink(store, location.hash));

const embed = params.get('embed') === '1';

// Test hooks for e2e and the bench: read-only views of the store (no engine objects exist on the
// page); subscribe lets a measurement see the exact moment a run's report lands.
(window as unknown as { __lab: unknown }).__lab = {
  getState: () => store.getState(),
  subscribe: (f: () => void) => store.subscribe(f),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={store}>
      {embed ? <EmbedApp /> : <App />}
    </LabContext.Provider>
  </StrictMode>,
);
