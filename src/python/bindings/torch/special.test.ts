// torch.special (special.ts) and F.rms_norm (tensor/ops/nn/normalization.ts) against real PyTorch:
// fixtures/special_cases.py run through the oracle gives special_cases.json (one OK/ERR line per
// case: dtype, shape, grad_fn, exact values or the error text); the same script runs through the
// interpreter here and each line must be identical. The lines listed in KNOWN_GAPS differ for
// reasons outside these bindings (the engine's float32 erf / erfinv / lgamma / digamma kernels
// are a few ulp off Sleef's; torch.xlogy(scalar, tensor) records XlogyBackward0, not
// XlogyBackward1): they run as it.fails, so fixing the engine turns them red until moved back,
// and their values are still checked to a tight relative tolerance.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpScript } from '../../../run/dump';
import { installTorchBindings } from '../index';

installTorchBindings();
const fixture = (f: string): URL => new URL(`./fixtures/${f}`, import.meta.url);
const KNOWN_GAPS = new Set(['erf', 'erfinv', 'gammaln', 'digamma', 'psi', 'xlogy scalar']);
const NUMERIC_GAPS = new Set(['erf', 'erfinv', 'gammaln', 'digamma', 'psi']);
const label = (line: string): string => line.split(' torch.')[0].replace(/^(OK|ERR) /, '');
const numbers = (line: string): number[] => (line.slice(line.includes('[') ? line.indexOf('[') : line.lastIndexOf(' ')).match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);

describe('torch.special and F.rms_norm against the oracle', async () => {
  const source = readFileSync(fixture('special_cases.py'), 'utf8');
  const golden = JSON.parse(readFileSync(fixture('special_cases.json'), 'utf8')) as { stdout: string; error: unknown };
  const dump = await dumpScript(source, 'special_cases.py');
  const want = golden.stdout.trimEnd().split('\n');
  const got = dump.stdout.trimEnd().split('\n');

  it('runs to the end, as the oracle did', () => {
    expect(golden.error).toBeNull();
    expect(dump.error).toBeNull();
    expect(got.length).toBe(want.length);
  });
  want.forEach((line, k) => {
    const name = label(line);
    (KNOWN_GAPS.has(name) ? it.fails : it)(`case ${k}: ${name}`, () => expect(got[k]).toBe(line));
    if (NUMERIC_GAPS.has(name)) {
      it(`case ${k}: ${name} within 2 ulp-ish`, () => {
        const [w, g] = [numbers(line), numbers(got[k])];
        expect(g.length).toBe(w.length);
        w.forEach((v, i) => expect(Math.abs(g[i] - v)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v))));
      });
    }
  });
});
