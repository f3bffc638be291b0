// The conformance dump: run a script the way the oracle's dump.py does (warnings recorded with
// the "always" filter, stdout captured, error as {type, message}) and encode the module globals
// per ../shared/oracle/README.md. Tensors and nn.Modules are encoded by hooks the bindings register
// (registerDumpEncoder), so run/ never depends on torch.

import {
  type PyValue, PyBuiltinFunction, PyBoundMethod, PyCallable, PyDict, PyFloat, PyList, PyModule,
  PyTuple, PyType, typeOf,
} from '../python/object';
import { PyBaseException } from '../python/builtins/exceptions';
import { repr, str } from '../python/builtins/repr';
import { setRuntime, Runtime } from '../python/interp';
import { runScript } from './run';

export type DumpValue =
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number | string }
  | { kind: 'float'; value: number | string }
  | { kind: 'str'; value: string }
  | { kind: 'list' | 'tuple'; items: DumpValue[] }
  | { kind: 'dict'; items: Record<string, DumpValue> }
  | { kind: 'exception'; type: string; message: string }
  | { kind: 'other'; repr: string }
  | { kind: 'tensor' | 'module'; [k: string]: unknown };

export interface DumpJSON {
  torch: string;
  stdout: string;
  error: { type: string; message: string } | null;
  warnings: { category: string; message: string }[];
  vars: Record<string, DumpValue>;
}

/** Returned by an encoder to leave a value out (modules, classes, functions). */
export const SKIP = Symbol('skip');
export type DumpEncoder = (v: PyValue, enc: (x: PyValue) => Promise<DumpValue | typeof SKIP>) => Promise<DumpValue | typeof SKIP | undefined> | DumpValue | typeof SKIP | undefined;
const encoders: DumpEncoder[] = [];

/** Bindings register tensor / nn.Module encoders here; the first one that returns a value wins. */
export function registerDumpEncoder(e: DumpEncoder): void {
  encoders.push(e);
}

export const encFloat = (v: number): number | string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v);

async function encode(x: PyValue, depth: number): Promise<DumpValue | typeof SKIP> {
  if (depth > 50) return { kind: 'other', repr: '<too deep>' };
  const rec = (y: PyValue) => encode(y, depth + 1);
  for (const e of encoders) {
    const r = await e(x, rec);
    if (r !== undefined) return r;
  }
  if (x instanceof PyModule || x instanceof PyType) return SKIP;
  if (x instanceof PyCallable || x instanceof PyBuiltinFunction || x instanceof PyBoundMethod) return SKIP;
  if (x === null) return { kind: 'none' };
  if (typeof x === 'boolean') return { kind: 'bool', value: x };
  if (typeof x === 'number') return { kind: 'int', value: x };
  if (typeof x === 'bigint') return { kind: 'int', value: x.toString() };
  if (x instanceof PyFloat) return { kind: 'float', value: encFloat(x.v) };
  if (typeof x === 'string') return { kind: 'str', value: x };
  if (x instanceof PyBaseException) return { kind: 'exception', type: x.cls.name, message: await str(x) };
  if (x instanceof PyList || x instanceof PyTuple) {
    const items: DumpValue[] = [];
    for (const v of x.items) {
      const e = await rec(v);
      items.push(e === SKIP ? { kind: 'other', repr: await repr(v) } : e);
    }
    return { kind: x instanceof PyList ? 'list' : 'tuple', items };
  }
  if (x instanceof PyDict && [...x.keys()].every((k) => typeof k === 'string')) {
    const items: Record<string, DumpValue> = {};
    for (const [k, v] of x.entries()) {
      const e = await rec(v);
      items[k as string] = e === SKIP ? { kind: 'other', repr: await repr(v) } : e;
    }
    return { kind: 'dict', items };
  }
  try {
    return { kind: 'other', repr: await repr(x) };
  } catch (e) {
    return { kind: 'other', repr: `<repr failed: ${String(e)}>` };
  }
}

export async function dumpScript(source: string, filename = 'main.py'): Promise<DumpJSON> {
  const r = await runScript(source, { filename, warnings: 'dump' });
  const vars: Record<string, DumpValue> = {};
  // Encoding may run user __repr__: give it a live runtime with the same limits.
  setRuntime(new Runtime(() => {}, () => {}));
  try {
    for (const [k, v] of r.globals) {
      if (k.startsWith('_')) continue;
      let e: DumpValue | typeof SKIP;
      try {
        e = await encode(v, 0);
      } catch (ex) {
        e = { kind: 'other', repr: `<encode failed: ${String(ex)}>` };
      }
      if (e !== SKIP) vars[k] = e;
    }
  } finally {
    setRuntime(null);
  }
  void typeOf;
  return {
    torch: '2.6.0+debian',
    stdout: r.stdout,
    error: r.error ? { type: r.error.type, message: r.error.message } : null,
    warnings: r.warnings.map((w) => ({ category: w.category, message: w.message })),
    vars,
  };
}
