// The call inspector's table: one row per key that matters to the selected call — the keys the
// script passed, the aliases tie expansion filled in, the keys strict found missing — each with
// the badges that say what functional_call made of it. Derived only from the CallRecord and the
// module picture at the call's entry.

import type { CallRecord, ModuleNode } from '../../run/report';
import { allRows, validKeys } from './treeRows';

export type Badge =
  | { kind: 'override' }
  | { kind: 'tie-filled'; from: string }
  | { kind: 'tied' }
  | { kind: 'missing' }
  | { kind: 'unexpected' }
  | { kind: 'conflict' }
  | { kind: 'right-inverse' }
  | { kind: 'in-place' }
  | { kind: 'written-back' };

export interface OverrideRow {
  key: string;
  /** The value expression as written (null when the key is not a literal entry). */
  valueText: string | null;
  /** Whether the script's dict literal holds this key (so it can be edited/removed). */
  inLiteral: boolean;
  /** The module's own tensor for this key (for shape), when it has one. */
  moduleTensor: string | null;
  badges: Badge[];
}

export function overrideRows(call: CallRecord, entry: ModuleNode | null): OverrideRow[] {
  const t = call.trace;
  const moduleTensors = new Map<string, string | null>();
  const parametrized = new Set<string>();
  if (entry) {
    for (const r of allRows(entry, '')) {
      if (r.key && r.kind !== 'parametrized') moduleTensors.set(r.key, r.tensor);
      if (r.kind === 'parametrized' && r.key) parametrized.add(r.key);
    }
  }
  const valid = entry ? new Set(validKeys(entry)) : null;
  const tied = new Set(t.tieWeights ? t.tieGroups.flat() : []);
  const conflictText = t.error?.phase === 'tie' ? t.error.message : '';
  const inPlace = new Set(t.inPlace.map((w) => w.key).filter((k): k is string => k !== null));
  const writtenBack = new Set(t.writeBack.filter((w) => w.changed).map((w) => w.key));
  const rows = new Map<string, OverrideRow>();
  const row = (key: string): OverrideRow => {
    let r = rows.get(key);
    if (!r) {
      r = { key, valueText: call.valueTexts[key] ?? null, inLiteral: key in call.keySpans, moduleTensor: moduleTensors.get(key) ?? null, badges: [] };
      rows.set(key, r);
    }
    return r;
  };
  const keys = t.keys.length ? t.keys : call.keys.length ? call.keys : Object.keys(call.keySpans);
  for (const k of keys) {
    const r = row(k);
    r.badges.push({ kind: 'override' });
    if (tied.has(k)) r.badges.push({ kind: 'tied' });
    if (parametrized.has(k)) r.badges.push({ kind: 'right-inverse' });
    if (conflictText.includes(`'${k}'`)) r.badges.push({ kind: 'conflict' });
    if (!t.strictVerdict && valid && !valid.has(k)) r.badges.push({ kind: 'unexpected' });
  }
  // Keys in the literal that the trace never saw (the call failed before reading the dict).
  for (const k of Object.keys(call.keySpans)) if (!rows.has(k)) row(k).badges.push({ kind: 'override' });
  for (const e of t.expanded) if (e.added) row(e.key).badges.push({ kind: 'tie-filled', from: e.from });
  for (const k of t.strictVerdict?.missing ?? []) row(k).badges.push({ kind: 'missing' });
  for (const k of t.strictVerdict?.unexpected ?? []) {
    const r = row(k);
    if (!r.badges.some((b) => b.kind === 'unexpected')) r.badges.push({ kind: 'unexpected' });
  }
  for (const k of inPlace) row(k).badges.push({ kind: 'in-place' });
  for (const k of writtenBack) row(k).badges.push({ kind: 'written-back' });
  return [...rows.values()];
}

export const BADGE_TEXT: Record<Badge['kind'], string> = {
  override: 'overridden',
  'tie-filled': 'filled by tie',
  tied: 'tied',
  missing: 'missing (strict)',
  unexpected: 'unexpected',
  conflict: 'tie conflict',
  'right-inverse': 'via right_inverse',
  'in-place': 'changed in place',
  'written-back': 'written back',
};

export const BADGE_HELP: Record<Badge['kind'], string> = {
  override: 'You passed this key: the module uses your tensor for this call.',
  'tie-filled': 'Not in your dict: tie_weights=True filled it with the value of a tied name.',
  tied: 'This name shares its tensor with other names of the module.',
  missing: 'strict=True needs every parameter and buffer, and this one was not given.',
  unexpected: 'The module has no parameter or buffer of this name.',
  conflict: 'Tied names were given different tensors; PyTorch refuses (use tie_weights=False).',
  'right-inverse': 'A parametrized tensor: the value goes through the parametrization\'s right_inverse.',
  'in-place': 'forward modified this tensor in place: the change is visible in your tensor afterwards.',
  'written-back': 'forward re-assigned this slot; the new tensor was written back into your dict.',
};
