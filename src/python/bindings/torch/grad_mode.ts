// torch.no_grad / enable_grad / set_grad_enabled / inference_mode: context-manager objects (and
// decorators: `@torch.no_grad()` wraps a function so it runs with grad mode off) over the
// engine's grad mode switch. Each `with` saves the mode on entry and restores it on exit, even
// when the block raises, as PyTorch's classes in torch.autograd.grad_mode do. inference_mode is
// grad mode off plus the flag torch.is_inference_mode_enabled() reports.

import { isGradEnabled, setGradEnabled } from '../../../tensor';
import { type PyValue, PyBuiltinFunction, PyObject, type PyType, call, makeType } from '../../object';

/** How many enabled inference_mode blocks (or decorated calls) are running. */
let inferenceDepth = 0;

class GradModeObject extends PyObject {
  prev: boolean[] = [];
  /** An enabled inference_mode: entering it turns torch.is_inference_mode_enabled() on. */
  get inference(): boolean {
    return this.cls.name === 'inference_mode' && !this.mode;
  }
  constructor(
    cls: PyType,
    readonly mode: boolean,
  ) {
    super(cls, null);
  }
}

function gradModeClass(name: string, modeOf: (args: PyValue[]) => boolean, setsOnInit = false): PyType {
  const t = makeType(name, [], 'torch.autograd.grad_mode');
  t.slots.create = (cls, args, kwargs) => {
    const v = args.length ? args : kwargs ? [...kwargs.values()] : [];
    const o = new GradModeObject(cls, modeOf(v));
    // set_grad_enabled(False) takes effect at the call, not only inside `with`.
    if (setsOnInit) o.prev.push(setGradEnabled(o.mode));
    return o;
  };
  const d = t.dict!;
  d.set('__init__', new PyBuiltinFunction('__init__', () => null));
  d.set('__enter__', new PyBuiltinFunction('__enter__', (a) => {
    const o = a[0] as GradModeObject;
    if (!setsOnInit) o.prev.push(setGradEnabled(o.mode));
    if (o.inference) inferenceDepth++;
    return null;
  }));
  d.set('__exit__', new PyBuiltinFunction('__exit__', (a) => {
    const o = a[0] as GradModeObject;
    const p = o.prev.pop();
    setGradEnabled(p ?? true);
    if (o.inference) inferenceDepth--;
    return false;
  }));
  d.set('__call__', new PyBuiltinFunction('__call__', (a) => {
    const o = a[0] as GradModeObject;
    const fn = a[1];
    return new PyBuiltinFunction('decorated', async (args, kwargs) => {
      const prev = setGradEnabled(o.mode);
      if (o.inference) inferenceDepth++;
      try {
        return await call(fn, args, kwargs);
      } finally {
        setGradEnabled(prev);
        if (o.inference) inferenceDepth--;
      }
    });
  }));
  d.set('clone', new PyBuiltinFunction('clone', (a) => new GradModeObject(t, (a[0] as GradModeObject).mode)));
  return t;
}

const truthy = (v: PyValue | undefined, dflt: boolean): boolean => (v === undefined ? dflt : v !== false && v !== 0 && v !== null);

export const NoGradType = gradModeClass('no_grad', () => false);
export const EnableGradType = gradModeClass('enable_grad', () => true);
export const SetGradEnabledType = gradModeClass('set_grad_enabled', (a) => truthy(a[0], true), true);
export const InferenceModeType = gradModeClass('inference_mode', (a) => !truthy(a[0], true));

export const isGradEnabledFn = new PyBuiltinFunction('is_grad_enabled', () => isGradEnabled());
export const isInferenceModeEnabledFn = new PyBuiltinFunction('is_inference_mode_enabled', () => inferenceDepth > 0, 'torch.is_inference_mode_enabled');
/** A run starts outside any inference_mode (a block left by an uncaught exception does not leak). */
export const resetInferenceMode = (): void => {
  inferenceDepth = 0;
};
