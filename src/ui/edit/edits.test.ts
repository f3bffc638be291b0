// The inspector's script rewrites: each edit is checked as exact text, and the result is parsed
// again to prove it is still Python and that the call site now reads as intended.
import { describe, expect, it } from 'vitest';
import { parse } from '../../python/parse';
import { findCallSites, type CallSite } from '../../run/callSites';
import { addKey, applyEdit, EditError, pyStringLiteral, removeKey, removeKeyword, setKeyword, setValue } from './edits';

const HEAD = 'from torch.func import functional_call\n';

function site(src: string, i = 0): CallSite {
  const sites = findCallSites(parse(src, 'main.py'), src);
  expect(sites.length).toBeGreaterThan(i);
  return sites[i];
}

/** Apply, re-parse, and return the new text with its first call site. */
function edit(src: string, f: (s: CallSite) => ReturnType<typeof addKey>): [string, CallSite] {
  const out = applyEdit(src, f(site(src)));
  return [out, site(out)];
}

const keys = (s: CallSite): string[] => s.dict!.entries.map((e) => e.key);

describe('addKey', () => {
  it('appends to a one-line dict', () => {
    const src = HEAD + "out = functional_call(m, {'a': x}, (y,))\n";
    const [out, s] = edit(src, (c) => addKey(src, c, 'b.weight', 'torch.zeros(2, 3)'));
    expect(out).toBe(HEAD + "out = functional_call(m, {'a': x, 'b.weight': torch.zeros(2, 3)}, (y,))\n");
    expect(keys(s)).toEqual(['a', 'b.weight']);
    expect(s.dict!.entries[1].valueText).toBe('torch.zeros(2, 3)');
  });

  it('fills an empty dict, with or without inner spaces', () => {
    for (const d of ['{}', '{ }']) {
      const src = HEAD + `functional_call(m, ${d}, x)\n`;
      const [out] = edit(src, (c) => addKey(src, c, 'w', 'v'));
      expect(out).toBe(HEAD + "functional_call(m, {'w': v}, x)\n");
    }
  });

  it('keeps a trailing comma trailing', () => {
    const src = HEAD + "functional_call(m, {'a': x,}, x)\n";
    const [out] = edit(src, (c) => addKey(src, c, 'b', 'y'));
    expect(out).toBe(HEAD + "functional_call(m, {'a': x, 'b': y,}, x)\n");
  });

  it('uses the quote style of the existing keys', () => {
    const src = HEAD + 'functional_call(m, {"a": x}, x)\n';
    const [out] = edit(src, (c) => addKey(src, c, "it's", 'y'));
    expect(out).toBe(HEAD + 'functional_call(m, {"a": x, "it\'s": y}, x)\n');
  });

  it('adds a line in a one-entry-per-line dict, at its indentation', () => {
    const src = HEAD + "p = {\n    'a': x,\n    'b': y,\n}\nfunctional_call(m, p, x)\n";
    const [out, s] = edit(src, (c) => addKey(src, c, 'c', 'z'));
    expect(out).toBe(HEAD + "p = {\n    'a': x,\n    'b': y,\n    'c': z,\n}\nfunctional_call(m, p, x)\n");
    expect(s.dict!.viaName).toBe('p');
    expect(keys(s)).toEqual(['a', 'b', 'c']);
  });

  it('adds a comma when the last line had none, and keeps a trailing comment on its line', () => {
    const src = HEAD + "p = {\n  'a': x  # first\n}\nfunctional_call(m, p, x)\n";
    const [out] = edit(src, (c) => addKey(src, c, 'b', 'y'));
    expect(out).toBe(HEAD + "p = {\n  'a': x,  # first\n  'b': y\n}\nfunctional_call(m, p, x)\n");
  });

  it('refuses duplicates, non-literals and ** entries', () => {
    const dup = HEAD + "functional_call(m, {'a': x}, x)\n";
    expect(() => addKey(dup, site(dup), 'a', 'y')).toThrow(EditError);
    const name = HEAD + 'functional_call(m, params, x)\n';
    expect(() => addKey(name, site(name), 'a', 'y')).toThrow(EditError);
    const spread = HEAD + "functional_call(m, {**p, 'a': x}, x)\n";
    expect(site(spread).dict!.editable).toBe(false);
    expect(() => addKey(spread, site(spread), 'b', 'y')).toThrow(EditError);
  });
});

describe('setValue', () => {
  it('replaces only the value expression', () => {
    const src = HEAD + "functional_call(m, {'a': x, 'b': torch.ones(3)}, x)\n";
    const [out, s] = edit(src, (c) => setValue(c, 'b', 'torch.randn(3)'));
    expect(out).toBe(HEAD + "functional_call(m, {'a': x, 'b': torch.randn(3)}, x)\n");
    expect(s.dict!.entries[1].valueText).toBe('torch.randn(3)');
    expect(() => setValue(site(src), 'zz', 'y')).toThrow(EditError);
    expect(() => setValue(site(src), 'a', '  ')).toThrow(EditError);
  });
});

describe('removeKey', () => {
  const one = HEAD + "functional_call(m, {'a': x, 'b': y, 'c': z}, x)\n";
  it('removes first, middle and last entries with one comma each', () => {
    expect(applyEdit(one, removeKey(one, site(one), 'a'))).toBe(HEAD + "functional_call(m, {'b': y, 'c': z}, x)\n");
    expect(applyEdit(one, removeKey(one, site(one), 'b'))).toBe(HEAD + "functional_call(m, {'a': x, 'c': z}, x)\n");
    expect(applyEdit(one, removeKey(one, site(one), 'c'))).toBe(HEAD + "functional_call(m, {'a': x, 'b': y}, x)\n");
  });

  it('leaves {} after removing the only entry', () => {
    const src = HEAD + "functional_call(m, {'a': x,}, x)\n";
    expect(applyEdit(src, removeKey(src, site(src), 'a'))).toBe(HEAD + 'functional_call(m, {}, x)\n');
  });

  it('removes whole lines in a one-entry-per-line dict', () => {
    const src = HEAD + "functional_call(m, {\n    'a': x,\n    'b': y,\n}, x)\n";
    expect(applyEdit(src, removeKey(src, site(src), 'a'))).toBe(HEAD + "functional_call(m, {\n    'b': y,\n}, x)\n");
    expect(applyEdit(src, removeKey(src, site(src), 'b'))).toBe(HEAD + "functional_call(m, {\n    'a': x,\n}, x)\n");
  });

  it('round-trips with addKey', () => {
    const src = HEAD + "functional_call(m, {'a': x}, x)\n";
    const added = applyEdit(src, addKey(src, site(src), 'b', 'y'));
    expect(applyEdit(added, removeKey(added, site(added), 'b'))).toBe(src);
  });
});

describe('keywords', () => {
  it('appends tie_weights= / strict= after the last argument', () => {
    const src = HEAD + "functional_call(m, {'a': x}, (y,))\n";
    const [out, s] = edit(src, (c) => setKeyword(src, c, 'strict', true));
    expect(out).toBe(HEAD + "functional_call(m, {'a': x}, (y,), strict=True)\n");
    expect(s.keywords.strict.valueText).toBe('True');
    const [out2, s2] = edit(out, (c) => setKeyword(out, c, 'tie_weights', false));
    expect(out2).toBe(HEAD + "functional_call(m, {'a': x}, (y,), strict=True, tie_weights=False)\n");
    expect(Object.keys(s2.keywords)).toEqual(['strict', 'tie_weights']);
  });

  it('changes an existing keyword in place', () => {
    const src = HEAD + 'functional_call(m, p, x, tie_weights=False)\n';
    expect(applyEdit(src, setKeyword(src, site(src), 'tie_weights', true))).toBe(HEAD + 'functional_call(m, p, x, tie_weights=True)\n');
  });

  it('follows a one-argument-per-line call', () => {
    const src = HEAD + 'out = functional_call(\n    m,\n    p,\n    x,\n)\n';
    const [out] = edit(src, (c) => setKeyword(src, c, 'strict', true));
    expect(out).toBe(HEAD + 'out = functional_call(\n    m,\n    p,\n    x,\n    strict=True,\n)\n');
  });

  it('removes a keyword with its comma', () => {
    const src = HEAD + 'functional_call(m, p, x, strict=True, tie_weights=False)\n';
    const [out, s] = edit(src, (c) => removeKeyword(src, c, 'strict'));
    expect(out).toBe(HEAD + 'functional_call(m, p, x, tie_weights=False)\n');
    expect(Object.keys(s.keywords)).toEqual(['tie_weights']);
    expect(() => removeKeyword(out, s, 'strict')).toThrow(EditError);
  });
});

describe('pyStringLiteral', () => {
  it('escapes what Python needs escaped', () => {
    expect(pyStringLiteral('a\\b\n', "'")).toBe("'a\\\\b\\n'");
    expect(pyStringLiteral('say "hi"', '"')).toBe('"say \\"hi\\""');
  });
});
