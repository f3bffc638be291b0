// torch.save / torch.load. Two kinds of checks:
// - fixtures/*_cases.py replayed on our interpreter and compared (stdout and uncaught error) with
//   what PyTorch 2.6 printed for the same script (fixtures/*_cases.json, made by
//   `/work/shared/oracle/run.sh fixtures/NAME_cases.py`);
// - our own contracts, which the oracle cannot show: each run starts with an empty virtual file
//   system, and tensors on the 'webgpu' device restore like CUDA tensors on a CUDA build (back on
//   their device unless map_location says otherwise). Stated here, not taken from the oracle.

import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRuntime } from '../../../../run/prepare';
import { runScript } from '../../../../run/run';

const dir = new URL('./fixtures/', import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith('_cases.py')).map((f) => f.slice(0, -3));

const run = (source: string) => runScript(source, { filename: 'main.py', warnings: 'dump', limits: { maxMillis: 30_000 } });

describe('torch.save / torch.load vs PyTorch 2.6', () => {
  beforeAll(() => prepareRuntime());
  for (const name of names) {
    it(name, async () => {
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as { stdout: string; error: { type: string; message: string } | null };
      const r = await run(source);
      expect(r.error ? { type: r.error.type, message: r.error.message } : null).toEqual(golden.error);
      expect(r.stdout).toBe(golden.stdout);
    }, 60_000);
  }
});

describe('virtual file system and devices (our contract)', () => {
  beforeAll(() => prepareRuntime());

  it('every run starts with an empty working directory', async () => {
    const first = await run("import os, torch\nprint(os.listdir('.'))\ntorch.save(1, 'a.pt')\nopen('b.txt', 'w').close()\nprint(sorted(os.listdir('.')))\n");
    expect(first.error).toBeNull();
    expect(first.stdout).toBe("[]\n['a.pt', 'b.txt']\n");
    const second = await run("import os, torch\nprint(os.listdir('.'), os.path.exists('a.pt'))\ntorch.load('a.pt')\n");
    expect(second.stdout).toBe('[] False\n');
    expect(second.error?.type).toBe('FileNotFoundError');
    expect(second.error?.message).toBe("[Errno 2] No such file or directory: 'a.pt'");
  });

  it("webgpu tensors load back on webgpu; map_location moves them like 'cuda' ones", async () => {
    const r = await run(
      [
        'import torch',
        "x = torch.ones(2, device='webgpu')",
        "torch.save({'x': x, 'v': x[1:], 'c': torch.zeros(1)}, 'w.pt')",
        "d = torch.load('w.pt')",
        "print(d['x'].device, d['c'].device, d['v'].device, d['x'])",
        "d['x'].add_(1)",
        "print(d['v'])",
        "for ml in ['cpu', {'webgpu:0': 'cpu'}, torch.device('webgpu'), lambda s, loc: s, lambda s, loc: None]:",
        "    d = torch.load('w.pt', map_location=ml)",
        "    print(d['x'].device, d['c'].device)",
        "torch.load('w.pt', map_location=lambda s, loc: print(loc))",
      ].join('\n'),
    );
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(
      [
        "webgpu:0 cpu webgpu:0 tensor([1., 1.], device='webgpu:0')",
        "tensor([2.], device='webgpu:0')",
        'cpu cpu',
        'cpu cpu',
        'webgpu:0 webgpu:0',
        'cpu cpu',
        'webgpu:0 cpu',
        'webgpu:0',
        'cpu',
        '',
      ].join('\n'),
    );
  });

  it('binary content is never shown as bytes: read(), getvalue(), tell() after a save say why', async () => {
    const r = await run("import io, torch\nb = io.BytesIO()\ntorch.save(1, b)\nfor f in (b.getvalue, b.tell, b.read):\n    try:\n        f()\n    except NotImplementedError as e:\n        print(str(e).split(':')[0])\n");
    expect(r.error).toBeNull();
    expect(r.stdout).toBe('BytesIO.getvalue()\nBytesIO.tell() after torch.save (the byte size of a checkpoint is not modelled)\nBytesIO.read()\n');
  });
});
