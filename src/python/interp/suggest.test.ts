// Replays fixtures/suggest_cases.py — programs whose uncaught error gets (or must not get)
// CPython 3.13's "Did you mean" hint — and compares stdout, the error (type and str, which never
// holds the traceback-only hint) and the traceback text with what CPython printed for them
// (fixtures/suggest.json, made by fixtures/gen_suggest.py on the oracle).

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRuntime } from '../../run/prepare';
import { runScript } from '../../run/run';

beforeAll(() => prepareRuntime());

interface Case {
  name: string;
  source: string;
  stdout: string;
  error: { type: string; message: string } | null;
  traceback: string | null;
}
const cases: Case[] = JSON.parse(readFileSync(new URL('./fixtures/suggest.json', import.meta.url), 'utf8'));

/** Cases whose traceback differs from CPython's for reasons outside the hint (carets, frames),
 * with the reason: their last line (where the hint goes) must match, the whole text must still
 * differ (the list only shrinks). */
const FRAMES_DIFFER: Record<string, string> = {
  attr_delattr: 'CPython 3.13 draws carets under the target of a `del`',
  name_del_global: 'CPython 3.13 draws carets under the target of a `del`',
  name_class_body: 'CPython 3.13 shows the whole class statement for the class body frame',
  name_comprehension: 'CPython 3.13 draws carets under a name inside a comprehension',
  torch_module_attr: "real PyTorch's traceback lists the frame of Module.__getattr__ in torch/nn/modules/module.py",
  torch_module_private_method: "real PyTorch's traceback lists the frame of Module.__getattr__ in torch/nn/modules/module.py",
  torch_top: "real PyTorch's traceback lists the frame of torch's module __getattr__ in torch/__init__.py",
  torch_module_child: "real PyTorch's traceback lists the frame of Module.__getattr__ in torch/nn/modules/module.py",
};
/** Cases known to differ in the error or the hint itself, with the reason; each must still differ. */
const KNOWN: Record<string, string> = {
  attr_dunder: "our dir() of an instance lacks object's comparison dunders (__le__ wins the tie in CPython)",
  torch_module_private: "our nn.Module has no `_version` (a class attribute in PyTorch), so dir() lacks it",
  torch_module_hooks: "our nn.Module keeps its hook dicts outside __dict__, so dir() lacks `_forward_hooks`",
  torch_functional: 'our torch.nn.functional has no rrelu (the name CPython suggests)',
  torch_import_from: 'our torch module has no __file__ (CPython names it in the message)',
  torch_import_from_nn: 'our torch.nn module has no __file__ (CPython names it in the message)',
};

async function run(c: Case): Promise<{ formatted: string }> {
  const r = await runScript(c.source, { filename: 'main.py', warnings: 'dump', limits: { maxMillis: 20_000 } });
  expect(r.stdout).toBe(c.stdout);
  expect(r.error ? { type: r.error.type, message: r.error.message } : null).toEqual(c.error);
  return { formatted: r.error?.formatted ?? '' };
}

const lastLine = (t: string): string => t.trimEnd().split('\n').at(-1) ?? '';

describe('"Did you mean" hints vs CPython 3.13', () => {
  for (const c of cases) {
    if (c.name in KNOWN) {
      it(`${c.name} (known difference: ${KNOWN[c.name]})`, async () => {
        console.warn(`KNOWN DIFFERENCE ${c.name}: ${KNOWN[c.name]}`);
        await expect((async () => {
          const { formatted } = await run(c);
          expect(lastLine(formatted)).toBe(lastLine(c.traceback ?? ''));
        })()).rejects.toThrow();
      });
    } else if (c.name in FRAMES_DIFFER) {
      it(`${c.name} (last line; frames differ: ${FRAMES_DIFFER[c.name]})`, async () => {
        const { formatted } = await run(c);
        expect(lastLine(formatted)).toBe(lastLine(c.traceback ?? ''));
        expect(formatted).not.toBe(c.traceback);
      });
    } else {
      it(c.name, async () => {
        const { formatted } = await run(c);
        if (c.traceback !== null) expect(formatted).toBe(c.traceback);
      });
    }
  }
});
