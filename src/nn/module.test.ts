// Module attribute rules, registration, naming and lookup errors, checked against the PyTorch
// goldens of conformance scenarios 45, 47 and 50 (the same scripts, replayed through the TS API).

import { describe, expect, it } from 'vitest';
import { PyError } from '../errors';
import { delattr, getattr, hasattr, setattr } from '../python/object';
import { ModuleType, construct, defineClass, getSubmodule, namedChildren, namedMembers, namedModules, LinearType, ReLUType } from './index';
import { makeBuffer } from './bridge';
import { golden, param, plain, pyErr, tensor } from './testing/helpers';
import { Module } from './module';

const names = (it: Iterable<[string, unknown]>): string[] => [...it].map(([n]) => n);

describe('Module.__setattr__ and register_* (conformance 47)', () => {
  it('gives PyTorch’s error texts in order', async () => {
    const Box = defineClass('Box', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'p', param([1, 1]));
        await self.registerBuffer('b', tensor([0, 0]));
        await setattr(self, 'child', await construct(LinearType, [1, 1]));
        return null;
      },
    });
    const box = await construct(Box);
    const attempts: unknown[] = [];
    const attempt = async (label: string, fn: () => unknown) => {
      const r = await pyErr(fn);
      attempts.push(r === 'ok' ? [label, 'ok'] : [label, r[0], r[1]]);
    };
    const nonLeaf = tensor([2]);
    nonLeaf.requiresGrad = true;
    nonLeaf.gradFn = {} as never; // a non-leaf: `torch.ones(1, requires_grad=True) * 2`
    await attempt('tensor into parameter', () => setattr(box, 'p', tensor([1, 1])));
    await attempt('int into parameter', () => setattr(box, 'p', 3));
    await attempt('None into parameter', () => setattr(box, 'p', null));
    await attempt('string into buffer', () => setattr(box, 'b', 'text'));
    await attempt('tensor into child', () => setattr(box, 'child', tensor([1])));
    await attempt('dotted parameter name', () => box.registerParameter('a.b', param([1])));
    await attempt('empty buffer name', () => box.registerBuffer('', tensor([1])));
    await attempt('parameter over method', () => box.registerParameter('forward', param([1])));
    await attempt('non-leaf parameter', () => box.registerParameter('q', nonLeaf));
    await attempt('tensor as parameter', () => box.registerParameter('r', tensor([1])));
    await attempt('dotted module name', async () => box.addModule('x.y', await construct(ReLUType)));
    await attempt('non-module child', () => box.addModule('z', 5));
    await attempt('buffer over parameter', () => box.registerBuffer('p', tensor([1])));
    await setattr(box, 'plain', tensor([1, 1, 1]));
    await setattr(box, 'b', tensor([5, 5]));
    await setattr(box, 'child', null);
    const summary = [
      [...box.params().keys()], [...box.buffers().keys()], [...box.modules().keys()], box.buffers().has('plain'),
      (await getattr(box, 'p')) === null,
    ];
    const g = golden('47_nn_setattr_rules');
    expect(attempts).toEqual(plain(g.vars.attempts));
    expect(summary).toEqual(plain(g.vars.summary));
  });

  it('refuses registration before Module.__init__ and allows plain attributes', async () => {
    const Early = defineClass('Early', ModuleType, {});
    const m = new Module(Early);
    expect(await pyErr(() => setattr(m, 'w', param([1])))).toEqual(['AttributeError', 'cannot assign parameters before Module.__init__() call']);
    expect(await pyErr(async () => setattr(m, 'c', await construct(ReLUType)))).toEqual(['AttributeError', 'cannot assign module before Module.__init__() call']);
    expect(await pyErr(() => m.registerBuffer('b', tensor([1])))).toEqual(['AttributeError', 'cannot assign buffer before Module.__init__() call']);
    expect(await pyErr(() => m.registerParameter('b', null))).toEqual(['AttributeError', 'cannot assign parameter before Module.__init__() call']);
    await setattr(m, 'x', 3);
    expect(await getattr(m, 'x')).toBe(3);
  });

  it('nn.Buffer assignment registers and sets persistence; a plain tensor keeps it', async () => {
    const m = await construct(ModuleType);
    await m.registerBuffer('b', tensor([1]), false);
    await setattr(m, 'b', tensor([2]));
    expect(m.isPersistent('b')).toBe(false);
    await setattr(m, 'b', makeBuffer(tensor([3])));
    expect(m.isPersistent('b')).toBe(true);
    const flagged = makeBuffer(tensor([4]), false);
    await setattr(m, 'c', flagged);
    expect(m.buffers().get('c')).toBe(flagged);
    expect(m.isPersistent('c')).toBe(false);
    // self.b2 = self.b with a Buffer-flagged tensor registers it again (a tie)
    await setattr(m, 'c2', await getattr(m, 'c'));
    expect(m.buffers().get('c2')).toBe(flagged);
  });
});

describe('lookup and delattr (conformance 50)', () => {
  it('matches the golden messages', async () => {
    const Holder = defineClass('Holder', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'inner', await construct(LinearType, [1, 1]));
        await self.registerBuffer('buf', tensor([1]));
        await setattr(self, 'gain', param([1]));
        return null;
      },
    });
    const h = await construct(Holder);
    const errors: string[] = [];
    const grab = async (fn: () => unknown) => {
      const r = await pyErr(fn);
      if (r !== 'ok') errors.push(r[1]);
    };
    await grab(() => getattr(h, 'missing'));
    await grab(async () => getattr(await getattr(h, 'inner'), 'nothing'));
    await grab(() => getSubmodule(h, 'inner.deeper'));
    await grab(() => getSubmodule(h, 'buf'));
    const getParameter = await getattr(h, 'get_parameter');
    await grab(() => (getParameter as { call: (a: unknown[], k: null) => Promise<unknown> }).call(['buf'], null));
    const got = await (getParameter as { call: (a: unknown[], k: null) => Promise<unknown> }).call(['inner.bias'], null);
    const gotIs = got === (await getattr(await getattr(h, 'inner'), 'bias'));
    await delattr(h, 'gain');
    await delattr(h, 'buf');
    await delattr(h, 'inner');
    const left = [[...h.params().keys()], [...h.buffers().keys()], [...h.modules().keys()], await hasattr(h, 'gain')];
    await grab(() => delattr(h, 'gain'));
    const g = golden('50_nn_attribute_errors');
    expect(errors.join('\n') + '\n' + JSON.stringify([left, gotIs])).toBe(
      g.stdout.trimEnd().split('\n').slice(0, -1).join('\n') + '\n' + JSON.stringify([left, true]),
    );
    expect(gotIs).toBe(true);
    expect(left).toEqual([[], [], [], false]);
  });
});

describe('named members (conformance 45)', () => {
  it('walks pre-order, own members first, with de-duplication options', async () => {
    const Block = defineClass('Block', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'fc', await construct(LinearType, [2, 2]));
        await self.registerBuffer('mask', tensor([1, 1]));
        return null;
      },
    });
    const Net = defineClass('Net', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'first', await construct(Block));
        await setattr(self, 'scale', param([1]));
        const shared = await construct(Block);
        await setattr(self, 'a', shared);
        await setattr(self, 'b', shared);
        await setattr(self, 'last', await construct(LinearType, [2, 1]));
        await self.registerBuffer('step', tensor(0));
        return null;
      },
    });
    const net = await construct(Net);
    const first = net.child('first')!;
    const rows = [
      names(namedModules(net)),
      names(namedModules(net, '', false)),
      names(namedModules(net, 'net')),
      names(namedChildren(net)),
      names(namedMembers(net, 'parameters')),
      names(namedMembers(net, 'parameters', '', true, false)),
      names(namedMembers(net, 'parameters', '', false)),
      names(namedMembers(first, 'parameters', 'first')),
      names(namedMembers(net, 'buffers')),
      names(namedMembers(net, 'buffers', '', true, false)),
      [[...namedMembers(net, 'parameters')].length, [...namedMembers(net, 'buffers')].length, [...namedModules(net)].length, [...namedChildren(net)].length],
    ];
    const expected = golden('45_nn_named_members').stdout.trimEnd().split('\n');
    expect(rows.map((r) => JSON.stringify(r).replaceAll('"', "'").replaceAll(',', ', '))).toEqual(expected);
  });

  it('the Python methods return generator objects', async () => {
    const lin = await construct(LinearType, [2, 2]);
    const gen = await (await getattr(lin, 'named_parameters')) as unknown;
    const g = await (gen as { call: (a: unknown[], k: null) => Promise<unknown> }).call([], null);
    expect((g as { cls: { name: string } }).cls.name).toBe('generator');
  });

  it('a cycle without de-duplication is a RecursionError when iterated', async () => {
    const a = await construct(ModuleType);
    const b = await construct(ModuleType);
    await setattr(a, 'b', b);
    await setattr(b, 'a', a);
    expect(names(namedModules(a))).toEqual(['', 'b']);
    let err: unknown;
    try {
      [...namedMembers(a, 'parameters', '', true, false)];
    } catch (e) {
      err = e;
    }
    expect((err as PyError).pyType).toBe('RecursionError');
  });
});

