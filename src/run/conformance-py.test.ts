// The plain-Python conformance scenarios (conformance/61..67) through dumpScript, judged by
// compare.ts (the port of compare.py) and checked for byte-identical stdout. 61 subclasses
// nn.Module: until the torch bindings register `torch.nn`, it runs against a minimal stand-in
// Module (defined below, used only when no real `torch.nn` is registered) so the class machinery
// it exercises is still tested.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PyBuiltinFunction, PyModule, PyObject, call, getattr, makeType,
} from '../python/object';
import { isRegistered, registerModule } from '../python/interp';
import { compareDump } from './compare';
import { dumpScript, registerDumpEncoder } from './dump';

const dir = new URL('../../conformance/', import.meta.url);

function installStandInNn(): void {
  if (isRegistered('torch.nn')) return;
  const Module = makeType('Module', undefined, 'torch.nn.modules.module');
  Module.dict!.set('__init__', new PyBuiltinFunction('__init__', () => null));
  Module.dict!.set('extra_repr', new PyBuiltinFunction('extra_repr', () => ''));
  Module.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
    const extra = await call(await getattr(a[0], 'extra_repr'), []);
    return `${(a[0] as PyObject).cls.name}(${extra as string})`;
  }));
  const nn = new PyModule('torch.nn', new Map([['Module', Module]]));
  // the stand-in has no parameters: its state_dict is empty
  registerDumpEncoder((v) => (v instanceof PyObject && v.cls.isSubtypeOf(Module) ? { kind: 'module', state: {} } : undefined));
  registerModule('torch', () => new PyModule('torch'));
  registerModule('torch.nn', nn);
}

describe('conformance: plain Python scenarios', () => {
  for (const name of ['61_py_classes', '62_py_closures_comprehensions', '63_py_fstrings', '64_py_exceptions', '65_py_dicts_unpacking', '66_py_uncaught', '67_py_warnings']) {
    it(name, async () => {
      if (name.startsWith('61')) installStandInNn();
      const source = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      const golden = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
      const dump = await dumpScript(source, `${name}.py`);
      const v = compareDump(golden, dump);
      expect(v.diffs).toEqual([]);
      expect(v.ok).toBe(true);
      expect(dump.stdout).toBe(golden.stdout);
    });
  }
});

describe('compare.ts', () => {
  const base = { stdout: 'x\n', error: null, warnings: [], vars: { a: { kind: 'float', value: 1.0 }, t: { kind: 'tensor', dtype: 'float32', shape: [2], data: [1, 'nan'], requires_grad: false, is_parameter: false } } };
  it('accepts tolerance and reports differences like compare.py', () => {
    const near = { ...base, vars: { a: { kind: 'float', value: 1.00001 }, t: base.vars.t, extra: { kind: 'none' } } };
    expect(compareDump(base, near).ok).toBe(true);
    const far = { ...base, stdout: 'y\n', vars: { a: { kind: 'int', value: 1 }, t: { ...base.vars.t, data: [1, 2] } } };
    const v = compareDump(base, far);
    expect(v.ok).toBe(false);
    expect(v.stdoutIdentical).toBe(false);
    expect(v.diffs).toEqual(["vars.a.kind: golden='float' candidate='int'", "vars.t.data[1]: golden='nan' candidate=2"]);
    expect(v.stdoutFirstDiff).toBe("line 1: golden='x\\n' candidate='y\\n'");
  });
});
