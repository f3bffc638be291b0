// Inspector actions as script rewrites: find the selected call's site in the *current* script
// (re-parsed, so edits stay exact even after typing), make one minimal text edit (edits.ts), put
// the new text in the store and rerun. Anything that cannot be rewritten (the dict is not a
// literal, the script does not parse) becomes a notice, never a silent no-op.

import { parse } from '../../python/parse';
import { findCallSites, type CallSite } from '../../run/callSites';
import type { CallRecord, TensorRef } from '../../run/report';
import type { LabStore } from '../../store/store';
import { selectedCallOf } from '../../store/hooks';
import { addKey, applyEdit, EditError, removeKey, setKeyword, setValue, type TextEdit } from './edits';
import { literalRewrite, type LiteralPlan } from './literal';

function sitesOf(text: string): CallSite[] | null {
  try {
    return findCallSites(parse(text, 'main.py'), text);
  } catch {
    return null;
  }
}

/** The current script's site for `call` (matched by its position among the calls of the script
 * the report was made from). */
export function currentSite(script: string, reportScript: string | null, call: CallRecord): CallSite | null {
  const now = sitesOf(script);
  if (!now) return null;
  if (!call.span) return null;
  if (reportScript === script) return now.find((s) => s.span.from === call.span!.from) ?? null;
  const then = reportScript !== null ? sitesOf(reportScript) : null;
  const ordinal = then ? then.findIndex((s) => s.span.from === call.span!.from) : -1;
  return ordinal >= 0 ? (now[ordinal] ?? null) : null;
}

/** A value expression for a new key: zeros of the module tensor's shape and dtype. */
export function defaultValueExpr(shape: number[] | null, dtype: string | null): string {
  const dims = shape === null ? '()' : shape.length === 0 ? '()' : shape.join(', ');
  const dt = dtype && dtype !== 'float32' ? `, dtype=torch.${dtype}` : '';
  return `torch.zeros(${dims}${dt})`;
}

function edit(api: LabStore, make: (script: string, site: CallSite) => TextEdit): boolean {
  const s = api.getState();
  const call = selectedCallOf(s);
  if (!call) return false;
  const site = currentSite(s.script, s.reportScript, call);
  if (!site) {
    s.setNotice('The script changed or does not parse: run it first, then edit the call.');
    return false;
  }
  try {
    const next = applyEdit(s.script, make(s.script, site));
    s.setScript(next);
    s.runNow();
    return true;
  } catch (e) {
    if (e instanceof EditError) {
      s.setNotice(e.message);
      return false;
    }
    throw e;
  }
}

export function addKeyToCall(api: LabStore, key: string, tensor: TensorRef | null): boolean {
  const t = tensor ? api.getState().report?.tensors[tensor] : undefined;
  return edit(api, (script, site) => addKey(script, site, key, defaultValueExpr(t?.shape ?? null, t?.dtype ?? null)));
}

export const setKeyValue = (api: LabStore, key: string, expr: string): boolean => edit(api, (_s, site) => setValue(site, key, expr));

export const removeKeyFromCall = (api: LabStore, key: string): boolean => edit(api, (script, site) => removeKey(script, site, key));

export const setCallKeyword = (api: LabStore, name: 'tie_weights' | 'strict', value: boolean): boolean =>
  edit(api, (script, site) => setKeyword(script, site, name, value));

/** Whether the selected call's dict can be rewritten as a literal (and the edit), or why not. */
export function literalPlanFor(script: string, reportScript: string | null, report: { calls: readonly CallRecord[] } | null, call: CallRecord): LiteralPlan {
  const site = currentSite(script, reportScript, call);
  if (!site) return { ok: false, reason: 'The script changed or does not parse: run it first.' };
  const calls = (report?.calls ?? []).filter((c) => c.span !== null && call.span !== null && c.span.from === call.span.from && c.span.to === call.span.to);
  return literalRewrite(script, site, calls);
}

/** Replace the selected call's override argument by a dict literal naming its entries (literal.ts). */
export const rewriteAsLiteral = (api: LabStore): boolean =>
  edit(api, (script, site) => {
    const s = api.getState();
    const call = selectedCallOf(s)!;
    const calls = (s.report?.calls ?? []).filter((c) => c.span !== null && call.span !== null && c.span.from === call.span.from && c.span.to === call.span.to);
    const plan = literalRewrite(script, site, calls);
    if (!plan.ok) throw new EditError(plan.reason);
    return plan.edit;
  });
