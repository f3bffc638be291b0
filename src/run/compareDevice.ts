// Judging a `--device webgpu` run against the CPU goldens. PyTorch prints an accelerator tensor
// with its device (`tensor([1.], device='cuda:0')`), and so do we (`device='webgpu:0'`); the
// goldens come from the CPU, where nothing is printed. So before the usual semantic match
// (compare.ts) both dumps' texts — stdout, strings, reprs, messages — are put in one form: the
// suffixes PyTorch wraps onto a new line when a line grows past 80 columns are joined back
// (`,\n        dtype=` → `, dtype=`), then the device suffix is dropped. Nothing else is
// forgiven: values, dtypes, shapes, errors and warnings must match as on the CPU.

import { compareDump, type Verdict } from './compare';

/** The keyword suffixes of a tensor repr that PyTorch may move to their own line. */
const SUFFIX_WRAP = /,\n[ ]+(?=(?:device|dtype|grad_fn|requires_grad|size|layout)=)/g;
const DEVICE_SUFFIX = /, device='webgpu:0'/g;
const DEVICE_REPR = /device\(type='webgpu', index=0\)/g;

export function normalizeDeviceText(s: string): string {
  return s.replace(SUFFIX_WRAP, ', ').replace(DEVICE_SUFFIX, '').replace(DEVICE_REPR, "device(type='cpu')");
}

function normalize(v: unknown): unknown {
  if (typeof v === 'string') return normalizeDeviceText(v);
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = k === 'data' ? x : normalize(x);
    return o;
  }
  return v;
}

/** compareDump for a run on the 'webgpu' device against a CPU golden. */
export function compareDumpOnDevice(golden: unknown, cand: unknown): Verdict {
  return compareDump(normalize(golden), normalize(cand));
}
