// "Rewrite as a literal": the exact edit, and — the point of it — that the rewritten script runs as
// the original did (same stdout, same keys, same gradients) on the real engine, with the call's dict
// now a literal whose every key is editable. Cases where the rewrite would change behavior are
// refused with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from '../../python/parse';
import { findCallSites, type CallSite } from '../../run/callSites';
import { prepareRuntime } from '../../run/prepare';
import { runForReport } from '../../run/runForReport';
import type { RunReport } from '../../run/report';
import { applyEdit } from './edits';
import { literalRewrite } from './literal';

const preset = (id: string): string => readFileSync(new URL(`../../share/presets/${id}.py`, import.meta.url), 'utf8');
const sitesOf = (src: string): CallSite[] => findCallSites(parse(src, 'main.py'), src);

/** The report's calls made at `site` (by span). */
const callsAt = (r: RunReport, site: CallSite) => r.calls.filter((c) => c.span?.from === site.span.from);

beforeAll(async () => {
  await prepareRuntime();
});

describe('literalRewrite', () => {
  it('rewrites per-sample gradients\' `params` argument, and the script runs exactly as before', async () => {
    const src = preset('per_sample_grads');
    const before = await runForReport(src);
    const site = sitesOf(src)[0];
    expect(src.slice(site.dictArg!.from, site.dictArg!.to)).toBe('params');
    const plan = literalRewrite(src, site, callsAt(before, site));
    if (!plan.ok) throw new Error(plan.reason);
    // One line would be too long: one entry per line, indented under the statement.
    expect(plan.literal).toBe(
      "{\n        '0.weight': params['0.weight'],\n        '0.bias': params['0.bias'],\n        '2.weight': params['2.weight'],\n        '2.bias': params['2.bias'],\n    }",
    );
    const out = applyEdit(src, plan.edit);
    // Minimal: only the argument changed.
    expect(out.slice(0, site.dictArg!.from)).toBe(src.slice(0, site.dictArg!.from));
    expect(out.slice(site.dictArg!.from + plan.literal.length)).toBe(src.slice(site.dictArg!.to));
    const after = await runForReport(out);
    expect(after.error).toBeNull();
    expect(after.stdout).toBe(before.stdout);
    expect(after.calls.map((c) => c.keys)).toEqual(before.calls.map((c) => c.keys));
    const grads = (r: RunReport) => r.calls.map((c) => Object.entries(c.grads ?? {}).map(([k, g]) => [k, r.tensors[g].preview]));
    expect(grads(after)).toEqual(grads(before));
    // The call's dict is a literal now: every key has its span and value text.
    const c = after.calls[0];
    expect(c.dictSpan).not.toBeNull();
    expect(c.valueTexts).toEqual(Object.fromEntries(c.keys.map((k) => [k, `params['${k}']`])));
  });

  it('writes a short literal on one line and keeps the rest of the call', async () => {
    const src = [
      'import torch', 'import torch.nn as nn', 'from torch.func import functional_call',
      'm = nn.Linear(2, 1)', 'p = dict(m.named_parameters())',
      'print(functional_call(m, p, (torch.ones(1, 2),)))', '',
    ].join('\n');
    const before = await runForReport(src);
    const site = sitesOf(src)[0];
    const plan = literalRewrite(src, site, callsAt(before, site));
    if (!plan.ok) throw new Error(plan.reason);
    const out = applyEdit(src, plan.edit);
    expect(out.split('\n')[5]).toBe("print(functional_call(m, {'weight': p['weight'], 'bias': p['bias']}, (torch.ones(1, 2),)))");
    expect((await runForReport(out)).stdout).toBe(before.stdout);
  });

  it('handles the keyword form and attribute / subscript references', () => {
    const src = "from torch.func import functional_call\nfunctional_call(m, parameter_and_buffer_dicts=self.ps[0], args=x)\n";
    const site = sitesOf(src)[0];
    const call = { keys: ["it's"], trace: { writeBack: [] } } as unknown as RunReport['calls'][number];
    const plan = literalRewrite(src, site, [call]);
    if (!plan.ok) throw new Error(plan.reason);
    expect(applyEdit(src, plan.edit)).toBe("from torch.func import functional_call\nfunctional_call(m, parameter_and_buffer_dicts={'it\\'s': self.ps[0]['it\\'s']}, args=x)\n");
  });

  it('refuses what would change behavior, and says why', async () => {
    const fake = (keys: string[]) => ({ keys, trace: { writeBack: [] } }) as unknown as RunReport['calls'][number];
    const refuse = (src: string, calls = [fake(['w'])]) => {
      const plan = literalRewrite(src, sitesOf(src)[0], calls);
      expect(plan.ok).toBe(false);
      return plan.ok ? '' : plan.reason;
    };
    const H = 'from torch.func import functional_call\n';
    expect(refuse(H + 'functional_call(m, (p, b), x)\n')).toContain('tuple of dicts');
    expect(refuse(H + 'functional_call(m, dict(m.named_parameters()), x)\n')).toContain('computed at the call');
    expect(refuse(H + 'functional_call(m, {k: v for k, v in d.items()}, x)\n')).toContain('bind it to a name first');
    expect(refuse(H + 'functional_call(m, p, x)\n', [fake(['w']), fake(['w', 'b'])])).toContain('different keys');
    expect(refuse(H + "functional_call(m, {'w': v}, x)\n")).toContain('already a literal');
    // The docs' in-place example, passing a dict that is not a literal: forward's re-assignment is
    // written back into the caller's dict, which a literal would take instead.
    const src = preset('doc-inplace').replace("a = {'foo': torch.zeros(())}", "a = dict(foo=torch.zeros(()))");
    const r = await runForReport(src);
    const site = sitesOf(src)[0];
    const plan = literalRewrite(src, site, callsAt(r, site));
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toContain("re-assigned 'foo'");
  });
});
