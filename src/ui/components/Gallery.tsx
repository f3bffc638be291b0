// The presets gallery: a modal dialog of cards, one per preset, each a title and one line. A
// native <dialog> (showModal) gives focus containment, Escape to close and an inert page behind
// it; the cards are buttons in a list, so Tab and Enter reach every one.

import { useEffect, useRef } from 'react';
import { useLab, useLabApi } from '../../store/hooks';
import { GROUP_TITLES, PRESETS, type PresetGroup } from '../../share/presets';

export function Gallery({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useLabApi();
  const presetId = useLab((s) => s.presetId);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      const current = d.querySelector<HTMLButtonElement>('[aria-current="true"]') ?? d.querySelector<HTMLButtonElement>('.card');
      current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="gallery"
      aria-labelledby="gallery-title"
      data-testid="gallery"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose(); // a click on the backdrop
      }}
    >
      <div className="gallery-head">
        <h2 id="gallery-title">Examples</h2>
        <span className="note">Each runs with torch.manual_seed(0) and prints what PyTorch 2.6 prints.</span>
        <span className="spacer" />
        <button className="btn btn-ghost" onClick={onClose} aria-label="Close the examples" data-testid="gallery-close">✕</button>
      </div>
      {(Object.keys(GROUP_TITLES) as PresetGroup[]).map((g) => (
        <section key={g} className="card-group" aria-labelledby={`gallery-${g}`}>
          <h3 id={`gallery-${g}`}>{GROUP_TITLES[g]}</h3>
          <ul className="cards">
            {PRESETS.filter((p) => p.group === g).map((p) => (
              <li key={p.id}>
                <button
                  className="card"
                  aria-current={p.id === presetId ? 'true' : undefined}
                  data-testid={`card-${p.id}`}
                  onClick={() => {
                    api.getState().loadPreset(p.id, p.source);
                    onClose();
                  }}
                >
                  <span className="card-title">{p.title}</span>
                  <span className="card-line">{p.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </dialog>
  );
}
