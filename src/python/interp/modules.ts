// The module registry behind `import`: bindings register `torch`, `torch.nn`, ...; the builtins
// register `math`, `warnings`, `copy`. A registration is either a ready module object or a factory
// called once per run (so per-run state such as warning filters starts fresh). CPython's
// ModuleNotFoundError / ImportError texts, and the ImportError attributes its hint reads.

import { PyError } from '../../errors';
import { type PyValue, MISSING, PyModule, getattrOrMissing } from '../object';
import { rt } from './runtime';

type ModuleSource = PyValue | (() => PyValue);
const registry = new Map<string, ModuleSource>();

/** Register an importable module under its dotted name (`torch.nn.functional`). */
export function registerModule(name: string, mod: ModuleSource): void {
  registry.set(name, mod);
}

export function isRegistered(name: string): boolean {
  return registry.has(name);
}

/** Import one dotted name, caching per run. Parent packages are imported first, and a submodule
 * is set as an attribute of its parent when the parent lacks it (as CPython's import does). */
export function importModule(name: string): PyValue {
  const run = rt();
  const cached = run.modules.get(name);
  if (cached !== undefined) return cached;
  const dot = name.lastIndexOf('.');
  const parent = dot > 0 ? importModule(name.slice(0, dot)) : null;
  const src = registry.get(name);
  if (src === undefined) {
    throw new PyError('ModuleNotFoundError', `No module named '${name}'`);
  }
  const mod = typeof src === 'function' ? (src as () => PyValue)() : src;
  run.modules.set(name, mod);
  if (parent instanceof PyModule) {
    const attr = name.slice(dot + 1);
    if (!parent.dict!.has(attr)) parent.dict!.set(attr, mod);
  }
  return mod;
}

/** `from name import attr`: the attribute, else a submodule, else CPython's ImportError. */
export async function importFrom(mod: PyValue, modName: string, attr: string): Promise<PyValue> {
  const v = await getattrOrMissing(mod, attr);
  if (v !== MISSING) return v;
  if (registry.has(`${modName}.${attr}`)) return importModule(`${modName}.${attr}`);
  // CPython names the module's file when it has one; ImportError.name/.name_from/.path feed the
  // traceback's "Did you mean" hint
  const file = mod instanceof PyModule ? mod.dict!.get('__file__') : undefined;
  const path = typeof file === 'string' ? file : null;
  const err = new PyError('ImportError', `cannot import name '${attr}' from '${modName}' (${path ?? 'unknown location'})`);
  err.hint = { kind: 'import', module: modName, nameFrom: attr, path };
  throw err;
}
