// Finding functional_call sites in a parsed script: callee forms, the override dict (literal at the
// call, or bound once to a name), keyword arguments, and matching a running call by line/column.
import { describe, expect, it } from 'vitest';
import { parse } from '../python/parse';
import { findCallSites, siteAt } from './callSites';

const sites = (src: string) => findCallSites(parse(src, 'main.py'), src);

describe('findCallSites', () => {
  it('finds every spelling of functional_call with its api', () => {
    const src = [
      'import torch',
      'from torch.func import functional_call as fc',
      'from torch.nn.utils import stateless',
      "a = fc(m, {'w': t}, x)",
      'b = torch.func.functional_call(m, {}, x)',
      'c = stateless.functional_call(m, {}, x)',
      'd = print(m)',
      '',
    ].join('\n');
    const s = sites(src);
    expect(s.map((x) => [x.callee, x.api, x.span.line])).toEqual([
      ['fc', 'torch.func', 4],
      ['torch.func.functional_call', 'torch.func', 5],
      ['stateless.functional_call', 'stateless', 6],
    ]);
    expect(src.slice(s[0].span.from, s[0].span.to)).toBe("fc(m, {'w': t}, x)");
  });

  it('reads a literal dict: entries, spans and value texts', () => {
    const src = "from torch.func import functional_call\nfunctional_call(m, {'a.weight': torch.ones(2), \"b\": y}, x, strict=True)\n";
    const [s] = sites(src);
    expect(s.dict!.viaName).toBeNull();
    expect(s.dict!.entries.map((e) => [e.key, e.valueText, src.slice(e.entry.from, e.entry.to)])).toEqual([
      ['a.weight', 'torch.ones(2)', "'a.weight': torch.ones(2)"],
      ['b', 'y', '"b": y'],
    ]);
    expect(s.keywords.strict.valueText).toBe('True');
    expect(src.slice(s.dictArg!.from, s.dictArg!.to)).toBe(src.slice(s.dict!.span.from, s.dict!.span.to));
    expect(src.slice(s.argsEnd - 11, s.argsEnd)).toBe('strict=True');
  });

  it('follows a name bound once to a dict literal, but not one assigned twice', () => {
    const once = "from torch.func import functional_call\na = {'foo': z}\nout = functional_call(mod, a, x)\n";
    const [s] = sites(once);
    expect(s.dict!.viaName).toBe('a');
    expect(s.dict!.entries.map((e) => e.key)).toEqual(['foo']);
    const twice = "from torch.func import functional_call\na = {'foo': z}\na = {}\nfunctional_call(mod, a, x)\n";
    expect(sites(twice)[0].dict).toBeNull();
    expect(sites(twice)[0].dictArg).not.toBeNull();
  });

  it('takes the keyword form of the override argument', () => {
    const src = "from torch.func import functional_call\nfunctional_call(mod, parameter_and_buffer_dicts={'k': v}, args=x)\n";
    expect(sites(src)[0].dict!.entries[0].key).toBe('k');
  });
});

describe('siteAt', () => {
  const src = "from torch.func import functional_call\np = functional_call(m, {}, x); q = functional_call(m, {'a': 1}, x)\nr = functional_call(\n  m, {}, x)\n";
  const s = sites(src);
  it('picks by line, then by column', () => {
    expect(siteAt(s, 2)).toBe(s[0]);
    expect(siteAt(s, 2, s[1].span.col)).toBe(s[1]);
    expect(siteAt(s, 3)).toBe(s[2]);
    expect(siteAt(s, 4)).toBe(s[2]);
    expect(siteAt(s, 1)).toBeNull();
  });
});
