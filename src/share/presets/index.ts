// The playground's start-up scripts and the gallery's cards: plain .py files next to this one,
// bundled as text with Vite's `?raw` import so they stay real Python a reader can copy. Each one's
// output is checked against real PyTorch 2.6 (fixtures/<id>.json, made by ../shared/oracle/run.sh
// from the .py; presets.test.ts). The first preset is what a fresh page loads.

import docTied from './doc-tied-weights.py?raw';
import docInplace from './doc-inplace.py?raw';
import docMultiDict from './doc-multi-dict.py?raw';
import docBroken from './doc-broken-lines.py?raw';
import mlp from './mlp-overrides.py?raw';
import tiedLm from './tied-lm-head.py?raw';
import strictFailures from './strict-failures.py?raw';
import batchnorm from './batchnorm-train-eval.py?raw';
import paramKeys from './parametrized-keys.py?raw';
import spectral from './spectral-norm-strict.py?raw';
import tupleDicts from './func-tuple-dicts.py?raw';
import midForward from './exception-mid-forward.py?raw';
import parametrized from './parametrized-net.py?raw';
import perSample from './per_sample_grads.py?raw';
import maml from './maml_inner_step.py?raw';

/** The gallery's sections. */
export type PresetGroup = 'docs' | 'behavior' | 'workflow';

export const GROUP_TITLES: Record<PresetGroup, string> = {
  docs: 'From the functional_call docs',
  behavior: 'How functional_call behaves',
  workflow: 'torch.func workflows',
};

export interface Preset {
  id: string;
  title: string;
  group: PresetGroup;
  /** One line for the gallery card: what the preset shows. */
  summary: string;
  source: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'doc-tied-weights', group: 'docs', title: 'Docs: tied weights', summary: 'tie_weights=True swaps both names of one Parameter; False swaps one.', source: docTied },
  { id: 'doc-inplace', group: 'docs', title: 'Docs: in-place re-assignment', summary: 'forward reassigns a buffer: the module keeps its own, your dict gets the new one.', source: docInplace },
  { id: 'doc-multi-dict', group: 'docs', title: 'Docs: multiple dictionaries', summary: 'A tuple of dicts (weights, buffers) merged into one override.', source: docMultiDict },
  { id: 'doc-broken-lines', group: 'docs', title: "Docs: the lines that don't run", summary: 'torch.zeros(), two values for one tie, nn.Bar: what real Python says.', source: docBroken },
  { id: 'mlp-overrides', group: 'behavior', title: 'MLP: override a few parameters', summary: 'Swap some weights for one call; the module comes back untouched.', source: mlp },
  { id: 'tied-lm-head', group: 'behavior', title: 'Tied embedding + LM head', summary: 'One matrix, two names: tie_weights decides whether the head follows.', source: tiedLm },
  { id: 'strict-failures', group: 'behavior', title: 'strict=True failures', summary: 'Missing and unexpected keys are caught before forward runs.', source: strictFailures },
  { id: 'batchnorm-train-eval', group: 'behavior', title: 'BatchNorm: train vs eval', summary: 'Running stats update in place: in the module, or in your dict.', source: batchnorm },
  { id: 'parametrized-keys', group: 'behavior', title: 'Parametrized weight: two keys', summary: 'The plain key goes through right_inverse; the original key feeds the parametrization.', source: paramKeys },
  { id: 'spectral-norm-strict', group: 'behavior', title: 'spectral_norm under strict', summary: 'Its power-iteration vectors _u, _v are buffers strict asks for.', source: spectral },
  { id: 'func-tuple-dicts', group: 'workflow', title: "torch.func's tuple of dicts", summary: 'params and buffers as two dicts; a key in both is an error.', source: tupleDicts },
  { id: 'exception-mid-forward', group: 'behavior', title: 'Exception mid-forward', summary: 'forward raises; the module is still restored.', source: midForward },
  { id: 'per_sample_grads', group: 'workflow', title: 'Per-sample gradients', summary: 'vmap(grad(loss)) over functional_call: one call, one ∂/∂key per example.', source: perSample },
  { id: 'maml_inner_step', group: 'workflow', title: 'MAML inner step', summary: 'grad over functional_call for one inner step, then second-order meta-gradients.', source: maml },
  { id: 'parametrized-net', group: 'behavior', title: 'Parametrization, shared module, BatchNorm', summary: 'A shared submodule leaves your override behind: what was not restored.', source: parametrized },
];

export const DEFAULT_PRESET = PRESETS[0];

export const presetById = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);

/** The preset whose text is exactly `script`, if any (a shared link of an unedited preset). */
export const presetBySource = (script: string): Preset | undefined => PRESETS.find((p) => p.source === script);
