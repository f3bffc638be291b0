// The nn bindings driven by real Python through the interpreter (dumpScript): class definitions
// over nn.Module, super().__init__(), Module.__setattr__ from Python, generators from
// named_parameters(), functional_call's CPython argument errors and the stateless FutureWarning.
// torch's own bindings (tensor creation, Tensor methods) live elsewhere, so these scripts only move
// tensors that modules create; a minimal `torch` package and Tensor type stand in when the real
// ones are not registered (test fixture only).

import { beforeAll, describe, expect, it } from 'vitest';
import { isRegistered, registerModule } from '../../interp';
import { PyBuiltinFunction, PyModule, makeType, registerNativeType } from '../../object';
import { Tensor } from '../../../tensor/tensor';
import { tensorText } from '../../../nn/pyproto';
import { dumpScript } from '../../../run/dump';
import { STATELESS_WARNING } from '../../../nn/functional_call';
import { ParameterType, bindTensorType, installNnBindings, setFunctionalCallObserver } from './index';
import { TraceRecorder } from '../../../nn/trace';

beforeAll(() => {
  if (!isRegistered('torch')) {
    const TensorType = makeType('Tensor', [], 'torch');
    TensorType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', (a) => tensorText(a[0] as Tensor)));
    bindTensorType(TensorType);
    registerNativeType(Tensor, (t) => ((t as Tensor).isParameter ? ParameterType : TensorType));
    registerModule('torch', () => new PyModule('torch', new Map([['Tensor', TensorType]])));
  }
  installNnBindings(registerModule);
});

const run = async (src: string) => dumpScript(src.trim() + '\n');

describe('torch.nn from Python', () => {
  it('subclasses, registration through __setattr__, traversal and repr', async () => {
    const d = await run(`
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(2, 2)
        self.tied = self.l1.bias
        self.act = nn.ReLU()
        self.seq = nn.Sequential(nn.Linear(2, 1), nn.Tanh())
net = Net()
print(net)
names = [n for n, _ in net.named_parameters()]
kinds = type(net.named_parameters()).__name__
is_param = isinstance(net.l1.weight, nn.Parameter)
last = type(net.seq[-1]).__name__
try:
    net.l1 = 3
except TypeError as e:
    err = str(e)
try:
    net.nothing
except AttributeError as e:
    missing = str(e)
`);
    expect(d.error).toBe(null);
    expect(d.stdout).toBe(
      'Net(\n  (l1): Linear(in_features=2, out_features=2, bias=True)\n  (act): ReLU()\n  (seq): Sequential(\n' +
        '    (0): Linear(in_features=2, out_features=1, bias=True)\n    (1): Tanh()\n  )\n)\n',
    );
    expect(d.vars.names).toEqual({ kind: 'list', items: ['tied', 'l1.weight', 'seq.0.weight', 'seq.0.bias'].map((v) => ({ kind: 'str', value: v })) });
    expect(d.vars.kinds).toEqual({ kind: 'str', value: 'generator' });
    expect(d.vars.is_param).toEqual({ kind: 'bool', value: true });
    expect(d.vars.last).toEqual({ kind: 'str', value: 'Tanh' });
    expect(d.vars.err).toEqual({ kind: 'str', value: "cannot assign 'int' as child module 'l1' (torch.nn.Module or None expected)" });
    expect(d.vars.missing).toEqual({ kind: 'str', value: "'Net' object has no attribute 'nothing'" });
  });

  it('functional_call: CPython argument errors, the generator ValueError, stateless warnings', async () => {
    const d = await run(`
import torch.nn as nn
from torch.func import functional_call
from torch.nn.utils import stateless
class Echo(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)
    def forward(self, *args, **kwargs):
        return self.lin.weight, len(args), sorted(kwargs)
m = Echo()
errors = []
for call in [lambda: functional_call(m, {}, 1, {}, 5),
             lambda: functional_call(m),
             lambda: functional_call(m, {}, bogus=1),
             lambda: functional_call(m, m.named_parameters(), 1),
             lambda: stateless.functional_call(m)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        errors.append(type(e).__name__ + ': ' + str(e))
w = m.lin.bias
out = functional_call(m, {'lin.weight': w}, (1, 2), {'k': 3})
same = out[0] is w
restored = m.lin.weight is not w
for i in range(2):
    stateless.functional_call(m, {}, None)
`);
    expect(d.error).toBe(null);
    const errors = (d.vars.errors as { items: { value: string }[] }).items.map((x) => x.value);
    expect(errors).toEqual([
      'TypeError: functional_call() takes from 2 to 4 positional arguments but 5 were given',
      "TypeError: functional_call() missing 1 required positional argument: 'parameter_and_buffer_dicts'",
      "TypeError: functional_call() got an unexpected keyword argument 'bogus'",
      "ValueError: Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of dicts, but got <class 'generator'>",
      "TypeError: functional_call() missing 1 required positional argument: 'parameters_and_buffers'",
    ]);
    expect(d.vars.same).toEqual({ kind: 'bool', value: true });
    expect(d.vars.restored).toEqual({ kind: 'bool', value: true });
    expect(d.warnings).toEqual(new Array(3).fill({ category: 'FutureWarning', message: STATELESS_WARNING }));
  });

  it('nn.Buffer, register_buffer and the module dump encoding', async () => {
    const d = await run(`
import torch.nn as nn
lin = nn.Linear(1, 1)
b = nn.Buffer(lin.weight)
flagged = isinstance(b, nn.Buffer)
plain_not = isinstance(lin.weight, nn.Buffer)
m = nn.Module()
m.b = b
m.b2 = m.b
names = [n for n, _ in m.named_buffers(remove_duplicate=False)]
`);
    expect(d.error).toBe(null);
    expect(d.vars.flagged).toEqual({ kind: 'bool', value: true });
    expect(d.vars.plain_not).toEqual({ kind: 'bool', value: false });
    expect(d.vars.names).toEqual({ kind: 'list', items: [{ kind: 'str', value: 'b' }, { kind: 'str', value: 'b2' }] });
    expect(Object.keys((d.vars.m as unknown as { state: object }).state)).toEqual(['b', 'b2']);
  });

  it('reports every functional_call to the installed observer with its line and trace', async () => {
    const seen: { api: string; line: number; ok: boolean; trace: TraceRecorder }[] = [];
    setFunctionalCallObserver({
      beginCall: async (start) => {
        const rec = new TraceRecorder(start.api);
        seen.push({ api: start.api, line: start.line, ok: false, trace: rec });
        return rec;
      },
      endCall: async (rec, outcome) => {
        seen.find((s) => s.trace === rec)!.ok = outcome.ok;
      },
    });
    try {
      const d = await run(`
import torch.nn as nn
from torch.func import functional_call
m = nn.Linear(1, 1)
w = m.bias
try:
    functional_call(m, {'weight': w, 'zz': w}, None, strict=True)
except RuntimeError:
    pass
`);
      expect(d.error).toBe(null);
      expect(seen.map((s) => [s.api, s.line, s.ok])).toEqual([['torch.func', 6, false]]);
      const t = seen[0].trace.trace;
      expect(t.strictVerdict).toEqual({ missing: ['bias'], unexpected: ['zz'] });
      expect(t.error).toMatchObject({ phase: 'strict', type: 'RuntimeError' });
      expect(t.swaps).toEqual([]);
    } finally {
      setFunctionalCallObserver(null);
    }
  });
});
