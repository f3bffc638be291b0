// The few Python protocols nn/ needs from the interpreter — str(), repr(), warnings.warn — behind
// one indirection each. Module messages embed `str(value)` (a tensor's print, a module's repr, a
// float's repr), and the interpreter owns those protocols (user classes may define __repr__). Until
// it installs its own (installPyProtocols), a small native fallback covers the builtin values, so
// nn/ and its tests run without the evaluator.

import { pyStrRepr } from '../errors';
import { pyFloatRepr } from '../python/numfmt';
import { PyDict, PyFloat, PyList, PyObject, PyTuple, PyType, type PyValue, typeOf } from '../python/object';
import { formatTensor } from '../tensor/format';
import { Tensor } from '../tensor/tensor';

/** The tensor printer's view of an engine tensor (torch's repr, `Parameter containing:` included). */
export function tensorText(t: Tensor): string {
  const flat = t.dataSync();
  return formatTensor({
    dtype: t.dtype,
    shape: t.shape,
    at: (i) => (t.dtype === 'bool' ? flat[i] !== 0 : (flat[i] as number | bigint)),
    requiresGrad: t.requiresGrad,
    gradFnName: t.gradFn?.pyName ?? null,
    isParameter: t.isParameter,
    device: t.device === 'cpu' ? 'cpu' : 'webgpu:0',
  });
}

export interface PyProtocols {
  str(v: PyValue): Promise<string>;
  repr(v: PyValue): Promise<string>;
  /** warnings.warn(message, category) attributed to the Python caller's line. */
  warn(category: string, message: string): void | Promise<void>;
  /** Set `err.__context__ = context` (an exception raised while another was being handled). */
  chainContext(err: unknown, context: unknown): void;
  /** copy.deepcopy(v) (TransformerEncoder clones its layer). */
  deepcopy(v: PyValue): Promise<PyValue>;
}

/** Python's float repr (`1.0`, `1e-05`, `inf`). */
export const floatRepr = pyFloatRepr;

/** Fallback repr for builtin values; objects fall back to `<module.Class object>`. */
export async function fallbackRepr(v: PyValue): Promise<string> {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return pyStrRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof Tensor) return tensorText(v);
  if (v instanceof PyList) return `[${(await Promise.all(v.items.map((x) => protocols.repr(x)))).join(', ')}]`;
  if (v instanceof PyTuple) {
    const parts = await Promise.all(v.items.map((x) => protocols.repr(x)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }
  if (v instanceof PyDict) {
    const parts: string[] = [];
    for (const [k, x] of v.entries()) parts.push(`${await protocols.repr(k)}: ${await protocols.repr(x)}`);
    return `{${parts.join(', ')}}`;
  }
  if (v instanceof PyType) return `<class '${v.module === 'builtins' ? '' : v.module + '.'}${v.qualname}'>`;
  // Native objects (modules, tensors) may implement their own repr through the type's __repr__.
  const t = typeOf(v);
  const r = t.lookup('__repr__');
  if (r instanceof PyObject && 'call' in r) {
    const out = await (r as unknown as { call(a: PyValue[], k: null): Promise<PyValue> }).call([v], null);
    if (typeof out === 'string') return out;
  }
  return `<${t.module === 'builtins' ? '' : t.module + '.'}${t.qualname} object>`;
}

export const protocols: PyProtocols = {
  str: async (v) => (typeof v === 'string' ? v : protocols.repr(v)),
  repr: fallbackRepr,
  warn: () => {},
  chainContext: () => {},
  deepcopy: async () => {
    throw new Error('copy.deepcopy is not installed (the Python bindings install it)');
  },
};

/** The interpreter (or the bindings) installs the real protocols here. */
export function installPyProtocols(p: Partial<PyProtocols>): void {
  Object.assign(protocols, p);
}

export const pyStr = (v: PyValue): Promise<string> => protocols.str(v);
export const pyRepr = (v: PyValue): Promise<string> => protocols.repr(v);
