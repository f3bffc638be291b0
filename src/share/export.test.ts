// Export / import: every preset exports to exactly the file in fixtures/export/, and plain
// `python3` with real PyTorch 2.6 printed (fixtures/export/<id>.stdout, made by
// fixtures/make-export-fixtures.ts) exactly the stdout of the preset's oracle golden — which
// presets.test.ts checks is what the page prints. Import undoes the header and seed line.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { exportScript, importFile, SEED_LINE, stripExportHeader, usesRandomness } from './export';

const fx = (name: string): string => readFileSync(new URL(`./fixtures/export/${name}`, import.meta.url), 'utf8');
const file = (name: string, text: string) => ({ name, size: new TextEncoder().encode(text).length, text: async () => text });

describe('export .py', () => {
  for (const p of PRESETS) {
    it(`${p.id}: the exported file prints in real PyTorch what the page prints`, () => {
      const exported = exportScript(p.source);
      expect(exported).toBe(fx(`${p.id}.py`));
      const golden = JSON.parse(readFileSync(new URL(`./presets/fixtures/${p.id}.json`, import.meta.url), 'utf8'));
      expect(fx(`${p.id}.stdout`)).toBe(golden.stdout);
    });
  }

  it('seeds only scripts that draw random numbers, right after the imports', () => {
    expect(usesRandomness('import torch\nx = torch.ones(2)\nprint(x)\n')).toBe(false);
    expect(usesRandomness('import torch\nx = torch.randn(2)\n')).toBe(true);
    expect(usesRandomness('import torch.nn as nn\nm = nn.Sequential(nn.ReLU(), nn.BatchNorm1d(3))\n')).toBe(false);
    expect(usesRandomness('import torch.nn as nn\nm = nn.Sequential(nn.Linear(2, 2))\n')).toBe(true);
    expect(usesRandomness('from torch.nn import Linear, ReLU\nm = Linear(2, 2)\n')).toBe(true);
    expect(usesRandomness('from torch.nn import ReLU\nm = ReLU()\n')).toBe(false);
    expect(usesRandomness('import torch\n# torch.randn(3) in a comment only\nx = torch.zeros(1)\n')).toBe(false);
    expect(usesRandomness('import torch\nw = torch.empty(3)\nw.uniform_(0, 1)\n')).toBe(true);
    const out = exportScript('import torch\nfrom torch.func import (\n    functional_call,\n)\n\nx = torch.randn(2)\nprint(x)');
    const lines = out.split('\n');
    expect(lines[lines.indexOf(')') + 1]).toBe(SEED_LINE);
    expect(out.endsWith('print(x)\n')).toBe(true);
    expect(exportScript('import torch\nprint(torch.ones(1))\n')).not.toContain(SEED_LINE);
    // A script that seeds itself right after its imports is left alone.
    const own = exportScript('import torch\n\ntorch.manual_seed(3)\nx = torch.randn(2)\n');
    expect(own).not.toContain(SEED_LINE);
    expect(own).toContain('sets its own seed');
  });
});

describe('import .py', () => {
  it('an exported file imports as the script it was made from', async () => {
    for (const p of PRESETS) {
      const r = await importFile(file('demo.py', exportScript(p.source)));
      expect(r).toEqual({ ok: true, script: p.source, name: 'demo.py' });
    }
  });

  it('any other file is loaded as written (CRLF normalized), leading comments kept', async () => {
    expect(await importFile(file('a.py', '# Exported from Reparam Lab? no\r\nprint(1)\r\n'))).toEqual({ ok: true, script: '# Exported from Reparam Lab? no\nprint(1)\n', name: 'a.py' });
    expect(stripExportHeader('# mine\n\nprint(2)\n')).toBe('# mine\n\nprint(2)\n');
  });

  it('refuses what is not a small text .py file', async () => {
    expect(await importFile(file('model.pt', 'x'))).toMatchObject({ ok: false });
    expect(await importFile(file('big.py', 'x'.repeat(70_000)))).toMatchObject({ ok: false });
    expect(await importFile(file('bin.py', 'a\u0000b'))).toMatchObject({ ok: false });
  });
});
