// The arg parser's data model against PyTorch's printed form: every signature in the generated
// table must print (FunctionSignature.toString) exactly as PyTorch lists it in the oracle's
// "expected one of" messages (fixtures/sig_listing.oracle.json), which pins the type names,
// defaults, keyword-only star and overload order the error messages are built from.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FunctionSignature } from './signature';
import { TENSOR_METHOD_SIGNATURES, TORCH_FUNCTION_SIGNATURES } from './signatures.data';

interface Listing { vars: { result: { items: Record<'functions' | 'methods', { items: Record<string, { kind: string; items?: { value: string }[] }> }> } } }
const listing = JSON.parse(readFileSync(new URL('./fixtures/sig_listing.oracle.json', import.meta.url), 'utf8')) as Listing;

describe('signature table vs PyTorch listings', () => {
  for (const [kind, table] of [['functions', TORCH_FUNCTION_SIGNATURES], ['methods', TENSOR_METHOD_SIGNATURES]] as const) {
    for (const [name, sigs] of Object.entries(table)) {
      const entry = listing.vars.result.items[kind].items[name];
      const msg = entry?.kind === 'list' ? entry.items![1].value : '';
      if (!msg.includes('but expected one of:\n')) continue;
      it(`${kind}.${name}`, () => {
        const printed = sigs.map((s, i) => new FunctionSignature(s, i)).filter((s) => !s.hidden).map((s) => ` * ${s.toString()}`);
        const want = msg.split('\n').filter((l) => l.startsWith(' * '));
        // PyTorch's message is cut at 1023 characters: the last listed option may be partial.
        const truncated = msg.length >= 1023;
        if (truncated) expect(printed.length).toBeGreaterThanOrEqual(want.length);
        else expect(printed.length).toBe(want.length);
        want.forEach((w, k) => (truncated && k === want.length - 1 ? expect(printed[k].startsWith(w)).toBe(true) : expect(printed[k]).toBe(w)));
      });
    }
  }
});
