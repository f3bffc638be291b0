// The page's entry: creates the store with the default preset, wires the Web Worker run client
// into it, and renders the App. `?fixture=<name>` shows a canned report from src/ui/fixtures
// instead of running (for designing the views without the interpreter); the page says so.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LabContext } from '../store/hooks';
import { createLabStore, type Theme } from '../store/store';
import { DEFAULT_PRESET, presetById } from '../share/presets';
import { RunClient } from '../run/client';
import type { RunReport } from '../run/report';
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

const client = new RunClient({
  createWorker: () => new Worker(new URL('../run/worker.ts', import.meta.url), { type: 'module', name: 'reparam-run' }),
  maxMillis: 2000,
  graceMillis: 3000,
  onAdapter: (a) => store.getState().setAdapter(a),
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
  store.getState().runNow();
}

// Test hooks for e2e: read-only views of the store (no engine objects exist on the page).
(window as unknown as { __lab: unknown }).__lab = { getState: () => store.getState() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={store}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
