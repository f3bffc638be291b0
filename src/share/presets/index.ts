// The playground's start-up scripts: plain .py files next to this one, bundled as text with Vite's
// `?raw` import so they stay real Python a reader can copy (and the share/export work can check
// them against the oracle). The first preset is what a fresh page loads.

import docTied from './doc-tied-weights.py?raw';
import docInplace from './doc-inplace.py?raw';
import docMultiDict from './doc-multi-dict.py?raw';
import mlp from './mlp-overrides.py?raw';
import parametrized from './parametrized-net.py?raw';

export interface Preset {
  id: string;
  title: string;
  source: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'doc-tied-weights', title: 'Docs: tied weights', source: docTied },
  { id: 'doc-inplace', title: 'Docs: in-place re-assignment', source: docInplace },
  { id: 'doc-multi-dict', title: 'Docs: multiple dictionaries', source: docMultiDict },
  { id: 'mlp-overrides', title: 'MLP: override a few parameters', source: mlp },
  { id: 'parametrized-net', title: 'Parametrization, shared module, BatchNorm', source: parametrized },
];

export const DEFAULT_PRESET = PRESETS[0];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
