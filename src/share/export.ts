// Export to a .py file that real PyTorch runs with the same printed output, and import of a .py
// file back into the editor. The page runs every script after torch.manual_seed(0) (DESIGN); plain
// `python3 script.py` does not, so the export inserts that call after the script's imports whenever
// the script may draw random numbers (random tensors, or layers whose init is random). A header
// comment says so. Import is plain text with a size cap; nothing in a file is ever executed here.

import { MAX_DECODED_BYTES } from './link';

export const EXPORT_FILENAME = 'reparam-lab.py';
export const SEED_LINE = 'torch.manual_seed(0)  # the playground runs every script with seed 0';

/** nn layers whose construction draws no random numbers (activations, containers, norms). */
const DETERMINISTIC_LAYERS = new Set([
  'Module', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict', 'Parameter', 'Buffer', 'Identity', 'Flatten', 'Unflatten',
  'ReLU', 'ReLU6', 'LeakyReLU', 'PReLU', 'ELU', 'SELU', 'CELU', 'GELU', 'SiLU', 'Mish', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'Softmin',
  'Softplus', 'Softsign', 'Hardtanh', 'Hardsigmoid', 'Hardswish', 'LogSigmoid', 'Tanhshrink', 'Threshold', 'GLU',
  'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'LayerNorm', 'GroupNorm', 'InstanceNorm1d', 'InstanceNorm2d', 'RMSNorm', 'LocalResponseNorm',
  'MaxPool1d', 'MaxPool2d', 'AvgPool1d', 'AvgPool2d', 'AdaptiveAvgPool1d', 'AdaptiveAvgPool2d', 'AdaptiveMaxPool2d', 'ZeroPad2d', 'ConstantPad1d',
  'MSELoss', 'L1Loss', 'CrossEntropyLoss', 'NLLLoss', 'BCELoss', 'BCEWithLogitsLoss', 'SmoothL1Loss', 'HuberLoss', 'KLDivLoss', 'CosineSimilarity', 'PairwiseDistance',
]);

/**
 * Whether running `script` may consume the global RNG. Errs towards yes: any nn layer not known to
 * be deterministic (Linear, Conv, Embedding, user-unknown ones), any torch random sampler, in-place
 * init, dropout, or spectral_norm (it draws its power-iteration vectors).
 */
export function usesRandomness(script: string): boolean {
  const code = script.replace(/#[^\n]*/g, '');
  if (/\b(rand|randn|randint|randperm|rand_like|randn_like|randint_like|normal|bernoulli|multinomial|poisson)\s*\(/.test(code)) return true;
  if (/\.(normal_|uniform_|random_|bernoulli_|exponential_|geometric_|cauchy_|log_normal_)\s*\(/.test(code)) return true;
  if (/\b(nn\.init|init)\.\w+_\s*\(|\bdropout|Dropout|spectral_norm|reset_parameters/.test(code)) return true;
  for (const m of code.matchAll(/\bnn\.([A-Z]\w*)\s*\(/g)) if (!DETERMINISTIC_LAYERS.has(m[1])) return true;
  // A layer imported by name (from torch.nn import Linear) and called bare.
  for (const m of code.matchAll(/from\s+torch\.nn\s+import\s+([^\n]+)/g)) {
    for (const name of m[1].replace(/[()]/g, '').split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!)) {
      if (/^[A-Z]/.test(name) && !DETERMINISTIC_LAYERS.has(name) && new RegExp(`\\b${name}\\s*\\(`).test(code.replace(m[0], ''))) return true;
    }
  }
  return false;
}

/** Index just past the script's leading block of comments, blank lines and top-level imports. */
function afterImports(lines: readonly string[]): number {
  let end = 0;
  let paren = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (paren > 0) {
      paren += count(l, '(') - count(l, ')');
      end = i + 1;
      continue;
    }
    if (/^(import|from)\s/.test(l)) {
      paren = count(l, '(') - count(l, ')');
      end = i + 1;
    } else if (l.trim() === '' || l.startsWith('#')) {
      continue;
    } else break;
  }
  return end;
}
const count = (s: string, ch: string): number => s.split(ch).length - 1;

/** The header is four comment lines and a blank line. */
const HEADER_LINES = 5;

/** The file "Export .py" downloads: a header, then the script, seeded after its imports if needed. */
export function exportScript(script: string): string {
  const body = script.endsWith('\n') ? script : script + '\n';
  const lines = body.split('\n');
  const at = afterImports(lines);
  // A script that seeds itself first thing (torch.manual_seed(...) right after its imports)
  // draws the same numbers in PyTorch already.
  const firstStatement = lines.slice(at).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const seedsItself = /^torch\.manual_seed\(/.test(firstStatement);
  const random = usesRandomness(script);
  const seeded = random && !seedsItself && /^\s*import\s+torch\b/m.test(script);
  const header = [
    '# Exported from Reparam Lab, a playground for torch.func.functional_call.',
    '# The playground runs every script after torch.manual_seed(0), like the PyTorch goldens.',
    seeded
      ? '# This script draws random numbers, so the same seed is set below, after the imports.'
      : random
        ? '# This script sets its own seed right after its imports, so nothing is added.'
        : '# This script draws no random numbers, so no seed line is needed.',
    '# Run with PyTorch 2.6, it prints what the playground printed.',
    '',
  ].join('\n') + '\n';
  if (!seeded) return header + body;
  // Keep the imports and the seed together, then the rest as written.
  const out = [...lines.slice(0, at), SEED_LINE, ...lines.slice(at)];
  return header + out.join('\n');
}

/** The export header, as written above, so an imported export loads as the script it was made from. */
export function stripExportHeader(text: string): string {
  const lines = text.split('\n');
  const n = HEADER_LINES;
  if (!lines[0].startsWith('# Exported from Reparam Lab') || lines.length <= n || lines[n - 1] !== '') return text;
  if (!lines.slice(0, n - 1).every((l) => l.startsWith('#'))) return text;
  return lines.slice(n).filter((l) => l !== SEED_LINE).join('\n');
}

export type ImportResult = { ok: true; script: string; name: string } | { ok: false; message: string };

/** Reads a dropped or opened file as a script: text only, capped like links. */
export async function importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<ImportResult> {
  if (!/\.py$/i.test(file.name) && !/\.txt$/i.test(file.name)) return { ok: false, message: `${file.name} is not a .py file.` };
  if (file.size > MAX_DECODED_BYTES) return { ok: false, message: `${file.name} is too large (${Math.ceil(file.size / 1024)} KB; the limit is ${MAX_DECODED_BYTES / 1024} KB).` };
  const text = await file.text();
  if (text.includes('\u0000')) return { ok: false, message: `${file.name} is not a text file.` };
  return { ok: true, script: stripExportHeader(text.replace(/\r\n?/g, '\n')), name: file.name };
}
