// The Python face of nn.Module: every method a script can call on a module (`m.named_parameters()`,
// `m.register_buffer(...)`, `m.eval()`, `m(x)`, `super().__init__()`, ...) as a native function in
// ModuleType's dict, so user subclasses inherit them through the ordinary MRO and can override any
// of them. Arguments are bound with CPython's rules and texts (bindings/args.ts); the work is done
// by module.ts, names.ts, state_dict.ts, call.ts and repr.ts.

import { PyError, attributeError, notImplementedError, runtimeError, valueError } from '../errors';
import { binder } from '../python/bindings/args';
import {
  type KwArgs, MISSING, PyBuiltinFunction, PyList, PyTuple, type PyValue, call, callMethod, getattr,
  hasattr, noAttributeMessage,
} from '../python/object';
import { Tensor, isParameter } from './bridge';
import { isFloating } from '../tensor/dtype';
import { setGradEnabled } from '../tensor/grad';
import { zero_ } from '../tensor/ops/copy';
import { addHook, callModule, registerForwardHook, registerForwardPreHook } from './call';
import { MIXED_HOOKS_ERROR } from './legacy_backward_hooks';
import { Module, ModuleType, moduleDelattr, moduleGetattr, moduleSetattr } from './module';
import { namedChildren, namedMembers, namedModules, type MemberKind } from './names';
import { pyGenerator } from './pyiter';
import { moduleRepr } from './repr';
import { loadStateDict, stateDict } from './state_dict';

type Impl = (self: Module, v: PyValue[], rest: PyValue[], extra: Map<string, PyValue>) => PyValue | Promise<PyValue>;

/** Define `Module.{name}` with a Python signature (first parameter is self). */
export function defineMethod(type: typeof ModuleType, sigText: string, impl: Impl): void {
  const bind = binder(sigText);
  const name = sigText.slice(sigText.indexOf('.') + 1, sigText.indexOf('('));
  type.dict!.set(
    name,
    new PyBuiltinFunction(
      name,
      (args: PyValue[], kwargs: KwArgs) => {
        const b = bind(args, kwargs);
        const self = b.values[0];
        if (!(self instanceof Module)) {
          throw new PyError('TypeError', `descriptor '${name}' requires a 'Module' object but received a '${typeof self}'`);
        }
        return impl(self, b.values, b.rest, b.extra);
      },
      `${type.name}.${name}`,
    ),
  );
}

const truthy = (v: PyValue): boolean =>
  !(v === null || v === false || v === 0 || v === '' || (v instanceof PyList && v.items.length === 0));

const named = (it: Iterable<[string, PyValue]>): PyValue => pyGenerator((function* () {
  for (const [n, v] of it) yield new PyTuple([n, v]);
})());
const valuesOf = (it: Iterable<[string, PyValue]>): PyValue => pyGenerator((function* () {
  for (const [, v] of it) yield v;
})());

const str = (v: PyValue, what: string): string => {
  if (typeof v !== 'string') throw new PyError('TypeError', `${what} must be str`);
  return v;
};

/** get_submodule's walk (plain getattr per atom, PyTorch's messages). */
export async function getSubmodule(m: Module, target: string): Promise<Module> {
  if (target === '') return m;
  let mod: Module = m;
  for (const item of target.split('.')) {
    if (!(await hasattr(mod, item))) throw attributeError(`${mod.typeName} has no attribute \`${item}\``);
    const next = await getattr(mod, item);
    if (!(next instanceof Module)) throw attributeError(`\`${item}\` is not an nn.Module`);
    mod = next;
  }
  return mod;
}

/** Module._apply(fn): children first, then own parameters (same objects, new data) and buffers. */
export async function applyToTensors(m: Module, fn: (t: Tensor) => Promise<PyValue>): Promise<Module> {
  for (const [, child] of namedChildren(m)) await applyToTensors(child, fn);
  const prev = setGradEnabled(false);
  try {
    for (const e of m._parameters?.map.values() ?? []) {
      const p = e.value as Tensor | null;
      if (p === null) continue;
      const applied = (await fn(p)) as Tensor;
      if (applied !== p) setData(p, applied);
      if (p.grad !== null) {
        const g = (await fn(p.grad)) as Tensor;
        if (g !== p.grad) setData(p.grad, g);
      }
    }
    for (const e of m._buffers?.map.values() ?? []) {
      if (e.value !== null) e.value = await fn(e.value as Tensor);
    }
  } finally {
    setGradEnabled(prev);
  }
  return m;
}

/** `param.data = src`: the same tensor object takes src's storage, layout and dtype. */
function setData(t: Tensor, src: Tensor): void {
  t.storage = src.storage;
  t.shape = src.shape.slice();
  t.strides = src.strides.slice();
  t.offset = src.offset;
  t.dtype = src.dtype;
}

function installModuleMethods(): void {
  const T = ModuleType;
  defineMethod(T, 'Module.__init__(self, *args, **kwargs)', (self, _v, rest, extra) => {
    if (extra.size) throw new PyError('TypeError', `Module.__init__() got an unexpected keyword argument '${[...extra.keys()][0]}'`);
    if (rest.length) {
      throw new PyError('TypeError', `Module.__init__() takes 1 positional argument but ${rest.length + 1} were given`);
    }
    self.init();
    return null;
  });
  T.dict!.set(
    '__call__',
    new PyBuiltinFunction('__call__', (args, kwargs) => callModule(args[0] as Module, args.slice(1), kwargs), 'Module.__call__'),
  );
  defineMethod(T, 'Module.forward(self, *input)', (self) => {
    throw notImplementedError(`Module [${self.typeName}] is missing the required "forward" function`);
  });
  defineMethod(T, 'Module.__getattr__(self, name)', (self, v) => {
    const r = moduleGetattr(self, str(v[1], 'attribute name'));
    if (r === MISSING) throw attributeError(noAttributeMessage(self, v[1] as string));
    return r;
  });
  defineMethod(T, 'Module.__setattr__(self, name, value)', async (self, v) => {
    await moduleSetattr(self, str(v[1], 'attribute name'), v[2]);
    return null;
  });
  defineMethod(T, 'Module.__delattr__(self, name)', async (self, v) => {
    await moduleDelattr(self, str(v[1], 'attribute name'));
    return null;
  });
  defineMethod(T, 'Module.__repr__(self)', (self) => moduleRepr(self));
  defineMethod(T, 'Module.extra_repr(self)', () => '');
  defineMethod(T, 'Module._get_name(self)', (self) => self.typeName);
  defineMethod(T, 'Module.__dir__(self)', (self) => {
    const names = new Set<string>();
    for (const t of self.cls.mro) for (const k of t.dict!.keys()) names.add(k);
    for (const k of self.dict!.keys()) names.add(k);
    for (const d of [self._parameters, self._buffers, self._modules]) for (const k of d?.keys() ?? []) names.add(k as string);
    return new PyList([...names].sort());
  });

  // registration
  defineMethod(T, 'Module.register_parameter(self, name, param)', async (self, v) => (await self.registerParameter(v[1], v[2]), null));
  defineMethod(T, 'Module.register_buffer(self, name, tensor, persistent=True)', async (self, v) => {
    await self.registerBuffer(v[1], v[2], truthy(v[3]));
    return null;
  });
  defineMethod(T, 'Module.add_module(self, name, module)', async (self, v) => (await self.addModule(v[1], v[2]), null));
  defineMethod(T, 'Module.register_module(self, name, module)', async (self, v) => (await self.addModule(v[1], v[2]), null));
  defineMethod(T, 'Module.get_submodule(self, target)', (self, v) => getSubmodule(self, str(v[1], 'target')));
  defineMethod(T, 'Module.get_parameter(self, target)', async (self, v) => {
    const t = str(v[1], 'target');
    const dot = t.lastIndexOf('.');
    const mod = await getSubmodule(self, dot < 0 ? '' : t.slice(0, dot));
    const name = t.slice(dot + 1);
    if (!(await hasattr(mod, name))) throw attributeError(`${mod.typeName} has no attribute \`${name}\``);
    const p = await getattr(mod, name);
    if (!isParameter(p)) throw attributeError(`\`${name}\` is not an nn.Parameter`);
    return p;
  });
  defineMethod(T, 'Module.get_buffer(self, target)', async (self, v) => {
    const t = str(v[1], 'target');
    const dot = t.lastIndexOf('.');
    const mod = await getSubmodule(self, dot < 0 ? '' : t.slice(0, dot));
    const name = t.slice(dot + 1);
    if (!(await hasattr(mod, name))) throw attributeError(`${mod.typeName} has no attribute \`${name}\``);
    const b = await getattr(mod, name);
    if (!mod._buffers?.has(name)) throw attributeError(`\`${name}\` is not a buffer`);
    return b;
  });

  // traversal
  for (const [plural, kind] of [['parameters', 'parameters'], ['buffers', 'buffers']] as [string, MemberKind][]) {
    defineMethod(T, `Module.${plural}(self, recurse=True)`, (self, v) => valuesOf(namedMembers(self, kind, '', truthy(v[1]))));
    defineMethod(T, `Module.named_${plural}(self, prefix='', recurse=True, remove_duplicate=True)`, (self, v) =>
      named(namedMembers(self, kind, str(v[1], 'prefix'), truthy(v[2]), truthy(v[3]))),
    );
  }
  defineMethod(T, 'Module.children(self)', (self) => valuesOf(namedChildren(self)));
  defineMethod(T, 'Module.named_children(self)', (self) => named(namedChildren(self)));
  defineMethod(T, 'Module.modules(self)', (self) => valuesOf(namedModules(self)));
  defineMethod(T, 'Module.named_modules(self, memo=None, prefix=\'\', remove_duplicate=True)', (self, v) =>
    named(namedModules(self, str(v[2], 'prefix'), truthy(v[3]))),
  );

  // state
  defineMethod(T, 'Module.state_dict(self, *args, destination=None, prefix=\'\', keep_vars=False)', (self, v) =>
    stateDict(self, str(v[2], 'prefix'), truthy(v[3])),
  );
  defineMethod(T, 'Module.load_state_dict(self, state_dict, strict=True, assign=False)', (self, v) =>
    loadStateDict(self, v[1], truthy(v[2]), truthy(v[3])),
  );
  defineMethod(T, 'Module.train(self, mode=True)', async (self, v) => {
    if (typeof v[1] !== 'boolean') throw valueError('training mode is expected to be boolean');
    await moduleSetattr(self, 'training', v[1]);
    for (const [, child] of namedChildren(self)) await callMethod(child, 'train', [v[1]]);
    return self;
  });
  defineMethod(T, 'Module.eval(self)', (self) => callMethod(self, 'train', [false]));
  defineMethod(T, 'Module.requires_grad_(self, requires_grad=True)', (self, v) => {
    for (const [, p] of namedMembers(self, 'parameters')) p.requiresGrad = truthy(v[1]);
    return self;
  });
  defineMethod(T, 'Module.zero_grad(self, set_to_none=True)', (self, v) => {
    for (const [, p] of namedMembers(self, 'parameters')) {
      if (p.grad === null) continue;
      if (truthy(v[1])) p.grad = null;
      else {
        if (p.grad.gradFn !== null) p.grad.gradFn = null;
        p.grad.requiresGrad = false;
        zero_(p.grad);
      }
    }
    return null;
  });
  defineMethod(T, 'Module.apply(self, fn)', async (self, v) => {
    for (const [, child] of namedChildren(self)) await callMethod(child, 'apply', [v[1]]);
    await call(v[1], [self]);
    return self;
  });

  // dtype / device conversion (Module._apply): parameters keep their identity (`param.data = …`),
  // buffers are replaced; the tensor work is the Tensor's own Python method, so devices and errors
  // are the torch bindings'.
  const floatingOnly = (method: string) => async (t: Tensor): Promise<PyValue> =>
    isFloating(t.dtype) ? callMethod(t, method, []) : t;
  defineMethod(T, 'Module.float(self)', (self) => applyToTensors(self, floatingOnly('float')));
  defineMethod(T, 'Module.double(self)', (self) => applyToTensors(self, floatingOnly('double')));
  defineMethod(T, 'Module.half(self)', (self) => applyToTensors(self, floatingOnly('half')));
  defineMethod(T, 'Module.bfloat16(self)', (self) => applyToTensors(self, floatingOnly('bfloat16')));
  defineMethod(T, 'Module.cpu(self)', (self) => applyToTensors(self, (t) => callMethod(t, 'cpu', [])));
  defineMethod(T, 'Module.to(self, *args, **kwargs)', async (self, _v, rest, extra) => {
    const kw = extra.size ? extra : null;
    // The target device, as the Tensor's own `to` parses the arguments.
    const probe = (await callMethod(Tensor.empty([0], 'float32'), 'to', rest, kw)) as Tensor;
    const device = await getattr(probe, 'device');
    return applyToTensors(self, (t) => (isFloating(t.dtype) ? callMethod(t, 'to', rest, kw) : callMethod(t, 'to', [device])));
  });

  // hooks
  defineMethod(T, 'Module.register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False)', (self, v) =>
    registerForwardPreHook(self, v[1], truthy(v[2]), truthy(v[3])),
  );
  defineMethod(T, 'Module.register_forward_hook(self, hook, *, prepend=False, with_kwargs=False, always_call=False)', (self, v) =>
    registerForwardHook(self, v[1], truthy(v[2]), truthy(v[3]), truthy(v[4])),
  );
  defineMethod(T, 'Module.register_full_backward_hook(self, hook, prepend=False)', (self, v) => {
    if (self.isFullBackwardHook === false) throw runtimeError(MIXED_HOOKS_ERROR);
    self.isFullBackwardHook = true;
    return addHook(self.backwardHooks, v[1], truthy(v[2]));
  });
  defineMethod(T, 'Module.register_backward_hook(self, hook)', (self, v) => {
    if (self.isFullBackwardHook === true) throw runtimeError(MIXED_HOOKS_ERROR);
    self.isFullBackwardHook = false;
    return addHook(self.legacyBackwardHooks, v[1]);
  });
  defineMethod(T, 'Module.register_full_backward_pre_hook(self, hook, prepend=False)', (self, v) => addHook(self.backwardPreHooks, v[1], truthy(v[2])));
  defineMethod(T, 'Module.register_state_dict_pre_hook(self, hook)', (self, v) => addHook(self.stateDictPreHooks, v[1]));
  defineMethod(T, 'Module.register_state_dict_post_hook(self, hook)', (self, v) => addHook(self.stateDictPostHooks, v[1]));
  defineMethod(T, 'Module.register_load_state_dict_pre_hook(self, hook)', (self, v) => addHook(self.loadPreHooks, v[1]));
  defineMethod(T, 'Module.register_load_state_dict_post_hook(self, hook)', (self, v) => addHook(self.loadPostHooks, v[1]));
}

installModuleMethods();

