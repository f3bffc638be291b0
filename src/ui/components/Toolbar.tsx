// The top bar: presets (a quick list, and the gallery of cards), Run / Stop, the run's status
// (fixed width, so the bar never reflows while running), share / export / open, the device
// indicator and switch, and the theme toggle.

import { useEffect, useState } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import { PRESETS, presetById } from '../../share/presets';
import { Gallery } from './Gallery';
import { ShareMenu } from './ShareMenu';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Toolbar() {
  const api = useLabApi();
  const run = useLab((s) => s.run);
  const presetId = useLab((s) => s.presetId);
  const theme = useLab((s) => s.theme);
  const device = useLab((s) => s.device);
  const adapter = useLab((s) => s.adapter);
  const adapterReason = useLab((s) => s.adapterReason);
  const report = useLab((s) => s.report);
  const origin = useLab((s) => s.reportOrigin);
  const dirty = useLab((s) => s.reportScript !== null && s.script !== s.reportScript);
  const running = run.status === 'running';
  const edited = useLab((s) => s.presetId === null || presetById(s.presetId)?.source !== s.script);
  const elapsed = useElapsed(running);
  const [gallery, setGallery] = useState(false);

  let statusClass = 'idle';
  let statusText = 'Ready';
  if (running) {
    statusClass = 'running';
    statusText = `Running… ${(elapsed / 1000).toFixed(1)} s`;
  } else if (run.status === 'stopped') {
    statusClass = 'stopped';
    statusText = 'Run stopped';
  } else if (run.status === 'idle' && run.message) {
    statusClass = 'stopped';
    statusText = 'No engine';
  } else if (report && origin === 'fixture') {
    statusText = 'Saved example report';
  } else if (report) {
    statusClass = report.error ? 'error' : 'done';
    statusText = report.error ? `Raised ${report.error.type}` : `Ran in ${Math.round(report.durationMs)} ms`;
  }
  if (!running && dirty) statusText += ' · edited';

  return (
    <header className="toolbar" aria-label="Playground controls">
      <h1 className="brand">
        <svg width="20" height="20" viewBox="0 0 32 32" aria-hidden="true">
          <circle cx="10" cy="11" r="3.4" fill="var(--accent)" />
          <circle cx="22" cy="11" r="3.4" fill="var(--accent)" />
          <circle cx="16" cy="22" r="3.4" fill="var(--inplace)" />
          <path d="M10 11 L16 22 L22 11" stroke="var(--text-dim)" strokeWidth="1.6" fill="none" />
        </svg>
        Reparam Lab <small>functional_call playground</small>
      </h1>
      <label className="sr-only" htmlFor="preset">Preset</label>
      <select
        id="preset"
        className="select"
        value={edited ? '' : (presetId ?? '')}
        onChange={(e) => {
          const p = presetById(e.target.value);
          if (p) api.getState().loadPreset(p.id, p.source);
        }}
      >
        {edited && <option value="">Your script</option>}
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>{p.title}</option>
        ))}
      </select>
      <button className="btn" onClick={() => setGallery(true)} title="Browse the examples" data-testid="open-gallery" aria-haspopup="dialog">
        Examples…
      </button>
      <Gallery open={gallery} onClose={() => setGallery(false)} />
      {running ? (
        <button className="btn" onClick={() => api.getState().cancelRun()} title="Stop the run (Esc)" data-testid="stop">
          ■ Stop <span className="kbd">Esc</span>
        </button>
      ) : (
        <button className="btn btn-primary" onClick={() => api.getState().runNow()} title="Run the script" data-testid="run">
          ▶ Run <span className="kbd">{isMac ? '⌘' : 'Ctrl'}+Enter</span>
        </button>
      )}
      <span className="status" role="status" aria-live="polite" data-testid="run-status">
        <span className={`dot ${statusClass}`} />
        {statusText}
      </span>
      <span className="spacer" />
      <ShareMenu />
      <span className="note" title="Every run starts with torch.manual_seed(0), like the PyTorch goldens.">seed 0</span>
      <span className="device" data-testid="device-indicator">
        <label htmlFor="device" className="sr-only">Device</label>
        <select
          id="device"
          className="select"
          value={adapter ? device : 'cpu'}
          onChange={(e) => api.getState().setDevice(e.target.value === 'webgpu' ? 'webgpu' : 'cpu')}
          title={deviceTitle(adapter, adapterReason)}
          data-testid="device"
        >
          <option value="cpu">CPU</option>
          <option value="webgpu" disabled={!adapter}>
            {adapter ? `WebGPU · ${shortAdapter(adapter)}` : adapterReason ? 'WebGPU (unavailable)' : 'WebGPU (checking…)'}
          </option>
        </select>
      </span>
      <button
        className="btn btn-ghost"
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        title="Theme"
        onClick={() => api.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        data-testid="theme"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}

/** An adapter's name short enough for the toolbar ("swiftshader (google)" → "swiftshader",
 * "NVIDIA GeForce RTX 4090" → "NVIDIA GeForc…"); the full name is in the tooltip and the console line. */
export function shortAdapter(name: string): string {
  const base = name.replace(/\s*\(.*$/, '').trim() || name;
  return base.length > 14 ? base.slice(0, 13) + '…' : base;
}

function deviceTitle(adapter: string | null, reason: string | null): string {
  if (adapter) return `The run's default device. WebGPU adapter: ${adapter}`;
  if (reason) return `WebGPU is not available here (${reason}): runs use the CPU.`;
  return 'Looking for a WebGPU adapter…';
}

/** Milliseconds since `active` became true, updated a few times a second (the run's progress). */
function useElapsed(active: boolean): number {
  const [ms, setMs] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t0 = performance.now();
    setMs(0);
    const id = setInterval(() => setMs(performance.now() - t0), 100);
    return () => clearInterval(id);
  }, [active]);
  return ms;
}
