// The interpreter's entry points: compile a parsed Module (scope analysis + closure compilation)
// and run it in a fresh globals dict as `__main__`, turning any escaping error into a Python
// exception with its module-level traceback entry. Importing this file installs the builtins and
// the hooks that connect object.ts / builtins/ to the evaluator.

import type * as A from '../ast';
import { type PyValue, PyCallable, PyModule } from '../object';
import { type PyBaseException, asThrowable, toPyException } from '../builtins/exceptions';
import { reprHooks, hexId } from '../builtins/repr';
import { loadAttrHook } from '../builtins/hooks';
import { drainHooks } from '../builtins/iter';
import '../builtins/functions';
import '../builtins/containerMethods';
import '../builtins/math';
import '../builtins/warnings';
import '../builtins/copy';
import '../stdlib';
import './functionAttrs';
import { Compiler, loadAttrFn } from './compileStmtExports';
import { analyze } from './scope';
import { Frame, PyFunction, frameHooks, frameLocals, noteFrame } from './function';
import { frameHooks as builtinFrameHooks } from '../builtins/namespaces';
import { arrive } from './locations';
import { rt } from './runtime';

frameHooks.entry = (exc, f) => arrive(exc as PyBaseException, f);
loadAttrHook.load = loadAttrFn;
drainHooks.tick = () => rt().poll();
builtinFrameHooks.locals = () => {
  const frames = rt().frames;
  const f = frames[frames.length - 1] as Frame;
  return { names: frameLocals(f), live: f.ns !== null };
};
builtinFrameHooks.globals = () => {
  const frames = rt().frames;
  return (frames[frames.length - 1] as Frame).globals;
};
reprHooks.functionRepr = (f: PyCallable) => (f instanceof PyFunction ? `<function ${f.qualname} at ${hexId(f)}>` : null);
reprHooks.moduleRepr = (m) => (m instanceof PyModule ? `<module '${m.name}' (built-in)>` : null);

export interface CompiledModule {
  run(globals: Map<string, PyValue>): Promise<void>;
}

/** Compile a parsed module once; run it any number of times in given globals. */
export function compileModule(mod: A.Module): CompiledModule {
  const { module, scopes } = analyze(mod);
  const c = new Compiler(module, scopes, mod.filename, '');
  c.futureAnnotations = mod.body.some((s) => s.kind === 'ImportFrom' && s.module === '__future__' && s.names.some((n) => n.name === 'annotations'));
  const body = c.block(mod.body);
  return {
    async run(globals) {
      const f = new Frame(null, globals, globals, mod.filename, '<module>', 0, []);
      const run = rt();
      run.frames.push(f);
      try {
        await body(f);
      } catch (e) {
        throw noteFrame(e, f);
      } finally {
        run.frames.pop();
      }
    },
  };
}

/** The Python exception of an error that escaped a run (null for internal JS errors). */
export function uncaught(e: unknown): PyBaseException | null {
  const exc = toPyException(e);
  if (exc) asThrowable(exc);
  return exc;
}

export { formatException, excLine } from './traceback';
export { registerModule, importModule, isRegistered } from './modules';
export { Runtime, setRuntime, rt, DEFAULT_LIMITS, type Limits, type WarningRecord } from './runtime';
export { BUILTINS } from './builtinsTable';
