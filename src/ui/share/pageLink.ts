// The page side of share links, export and import: what the store hands to the codec
// (share/link.ts), how an opened link is applied (exact state, or the default preset and a clear
// message), and the small browser chores — the address bar, the clipboard, a download.

import type { LabState, LabStore } from '../../store/store';
import { decodeLink, encodeLink, LinkTooLarge, type SharedState } from '../../share/link';
import { exportScript, EXPORT_FILENAME, importFile } from '../../share/export';
import { DEFAULT_PRESET, presetBySource } from '../../share/presets';

/** The fields of the store a link carries. */
export const sharedOf = (s: LabState): SharedState => ({
  script: s.script,
  selectedCall: s.selectedCall,
  selectedNode: s.selectedNode,
  traceStep: s.traceStep,
  inspectorTab: s.inspectorTab,
  snapshotWhen: s.snapshotWhen,
  device: s.device,
});

/** The page's address without query or hash (where the full playground lives). */
export const pageBase = (): string => location.origin + location.pathname;

/**
 * Applies the link in `hash` to the store and runs. Returns false when there is no link (the
 * caller runs the default preset). A bad link loads the default preset and says why, in a banner
 * that stays until dismissed; the broken hash leaves the address bar so a reload starts clean.
 */
export async function openLink(store: LabStore, hash: string): Promise<boolean> {
  const r = await decodeLink(hash);
  if (r === null) return false;
  if (!r.ok) {
    history.replaceState(null, '', location.pathname + location.search);
    store.getState().setBanner({ tone: 'error', text: `${r.message} The default example is loaded instead.` });
    store.getState().loadPreset(DEFAULT_PRESET.id, DEFAULT_PRESET.source);
    return true;
  }
  const st = r.state;
  let device = st.device;
  if (device === 'webgpu' && !('gpu' in navigator)) {
    device = 'cpu';
    store.getState().setBanner({ tone: 'info', text: 'This link ran on WebGPU; this browser has no WebGPU, so it runs on the CPU.' });
  } else store.getState().setBanner(null);
  store.getState().applyShared({ ...st, device }, presetBySource(st.script)?.id ?? null);
  return true;
}

/** Encodes the current state, puts it in the address bar and on the clipboard; says what happened. */
export async function copyLink(store: LabStore): Promise<string | null> {
  let hash: string;
  try {
    hash = await encodeLink(sharedOf(store.getState()));
  } catch (e) {
    store.getState().setNotice(e instanceof LinkTooLarge ? e.message : 'Could not make a link.');
    return null;
  }
  const url = `${pageBase()}#${hash}`;
  history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    // No clipboard (an insecure origin, a denied permission): the address bar has it.
  }
  const size = hash.length < 1024 ? `${hash.length} characters` : `${(hash.length / 1024).toFixed(1)} K characters`;
  store.getState().setNotice(copied ? `Link copied (${size}).` : `Link is in the address bar (${size}); copy it from there.`);
  return url;
}

/** Downloads the script as a .py file real PyTorch runs with the same output. */
export function downloadExport(script: string): void {
  const blob = new Blob([exportScript(script)], { type: 'text/x-python' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = EXPORT_FILENAME;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Loads an opened or dropped file into the editor and runs it (or says why not). */
export async function loadFile(store: LabStore, file: File): Promise<void> {
  const r = await importFile(file);
  if (!r.ok) {
    store.getState().setNotice(r.message);
    return;
  }
  const preset = presetBySource(r.script);
  if (preset) store.getState().loadPreset(preset.id, preset.source);
  else store.getState().loadScript(r.script);
  store.getState().setNotice(`Opened ${r.name}.`);
}
