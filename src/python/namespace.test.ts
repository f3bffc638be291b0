// Namespace dicts (namespace.ts, builtins/namespaces.ts) where they meet nn.Module: item access to
// a Module's __dict__ answers as PyTorch does (fixtures/module_dict.py, run by the oracle), and
// what this playground cannot list — the hook dicts PyTorch keeps there — is refused by name.
// Plain objects, globals() and locals() are checked against CPython in interp/snippets.test.ts.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../run/run';
import { prepareRuntime } from '../run/prepare';
import { PyObject } from './object';
import { MODULE_HOOK_KEYS } from './builtins/namespaces';

interface Dump {
  stdout: string;
  vars: Record<string, { kind: string; items: { value: string }[] }>;
}
const here = (f: string): string => readFileSync(new URL(f, import.meta.url), 'utf8');
const source = here('./fixtures/module_dict.py');
const oracle: Dump = JSON.parse(here('./fixtures/module_dict.json'));
const oracleKeys = (name: string): string[] => oracle.vars[name].items.map((i) => i.value);

describe("nn.Module's __dict__", () => {
  beforeAll(() => prepareRuntime());

  it('answers item access like PyTorch and refuses the listing, naming the hook dicts', async () => {
    const r = await runScript(source);
    expect(r.stdout).toBe(oracle.stdout);
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toContain('the full listing of the Linear module\'s __dict__');
    for (const k of MODULE_HOOK_KEYS) expect(r.error?.message).toContain(k);
    expect(r.error?.traceback.map((t) => t.line)).toEqual([source.split('\n').findIndex((l) => l.startsWith('linear_keys')) + 1]);
  });

  it('lacks exactly the hook keys, in PyTorch order otherwise', async () => {
    const r = await runScript('import torch\nimport torch.nn as nn\nm = nn.Linear(2, 3)\n');
    const m = r.globals.get('m');
    expect(m).toBeInstanceOf(PyObject);
    const ours = [...(m as PyObject).dict!.keys()];
    const expected = oracleKeys('linear_keys');
    expect(ours).toEqual(expected.filter((k) => !MODULE_HOOK_KEYS.includes(k)));
    expect(expected.filter((k) => MODULE_HOOK_KEYS.includes(k))).toEqual([...MODULE_HOOK_KEYS]);
  });

  it('refuses a hook key by name', async () => {
    const r = await runScript("import torch.nn as nn\nm = nn.Linear(2, 3)\nprint('_parameters' in m.__dict__)\nm.__dict__['_forward_hooks']\n");
    expect(r.stdout).toBe('True\n');
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toMatch(/^'_forward_hooks' of the Linear module's __dict__ is not available here/);
  });
});
