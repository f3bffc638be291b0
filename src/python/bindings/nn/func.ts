// The Python entry points of functional_call: `torch.func.functional_call` and
// `torch.nn.utils.stateless.functional_call` as native functions. They bind arguments with
// CPython's rules (stateless warns first, as its @deprecated wrapper does, even when binding then
// fails), then run nn/'s pipeline. A run that builds a report installs an observer
// (setFunctionalCallObserver — run/'s ReportCollector fits it) which gets a TraceRecorder for every
// call and sees how it ended.

import { functionalCall, statelessFunctionalCall, STATELESS_WARNING } from '../../../nn/functional_call';
import { protocols } from '../../../nn/pyproto';
import type { TraceRecorder } from '../../../nn/trace';
import { rt } from '../../interp/runtime';
import { PyBuiltinFunction, type KwArgs, type PyValue } from '../../object';
import { binder } from '../args';

export interface CallObserver {
  beginCall(start: { api: 'torch.func' | 'stateless'; module: PyValue; dicts: PyValue; line: number; col?: number | null }): Promise<TraceRecorder>;
  endCall(rec: TraceRecorder, outcome: { ok: true; value: PyValue } | { ok: false; error: unknown }): Promise<void>;
}

let observer: CallObserver | null = null;

/** Install (or clear, with null) the observer that records every functional_call of a run. */
export function setFunctionalCallObserver(o: CallObserver | null): void {
  observer = o;
}

const truthy = (v: PyValue): boolean =>
  !(v === null || v === false || v === 0 || v === '' || (typeof v === 'bigint' && v === 0n));

const bindFunc = binder(
  'functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *, tie_weights=True, strict=False)',
);
const bindStateless = binder(
  'functional_call(module, parameters_and_buffers, args=None, kwargs=None, *, tie_weights=True, strict=False)',
);

async function observed(
  api: 'torch.func' | 'stateless',
  v: PyValue[],
  run: (rec: TraceRecorder | undefined) => Promise<PyValue>,
): Promise<PyValue> {
  if (observer === null) return run(undefined);
  const frames = rt().frames;
  const line = frames.length ? frames[frames.length - 1].line : 0;
  const obs = observer;
  const rec = await obs.beginCall({ api, module: v[0], dicts: v[1], line });
  try {
    const value = await run(rec);
    await obs.endCall(rec, { ok: true, value });
    return value;
  } catch (e) {
    await obs.endCall(rec, { ok: false, error: e });
    throw e;
  }
}

/** `torch.func.functional_call`. */
export const funcFunctionalCall = new PyBuiltinFunction(
  'functional_call',
  (args: PyValue[], kwargs: KwArgs) => {
    const v = bindFunc(args, kwargs).values;
    return observed('torch.func', v, (trace) =>
      functionalCall(v[0], v[1], v[2], v[3], { tieWeights: truthy(v[4]), strict: truthy(v[5]), trace }),
    );
  },
  'functional_call',
);

/** `torch.nn.utils.stateless.functional_call` (deprecated: FutureWarning on every call). */
export const statelessFunctionalCallFn = new PyBuiltinFunction(
  'functional_call',
  async (args: PyValue[], kwargs: KwArgs) => {
    await protocols.warn('FutureWarning', STATELESS_WARNING);
    const v = bindStateless(args, kwargs).values;
    return observed('stateless', v, (trace) =>
      // the warning was already issued above, before argument binding (as @deprecated does)
      statelessFunctionalCall(v[0], v[1], v[2], v[3], { tieWeights: truthy(v[4]), strict: truthy(v[5]), trace, warned: true }),
    );
  },
  'functional_call',
);
