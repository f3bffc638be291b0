// The trace view's script: a FunctionalCallTrace (nn/trace.ts) cut into the steps PyTorch takes —
// the keys it got, tie expansion, the strict check, each swap, forward with its in-place writes,
// each restore, the write-back — each with a plain sentence to teach from and the keys to light up
// in the tree. Steps that did not happen (strict off, no ties) still appear, marked as skipped, so
// the shape of the pipeline is the same for every call.

import type { FunctionalCallTrace, SwapRecord, ValueRef } from '../../nn/trace';

export type StepStatus = 'done' | 'skipped' | 'failed' | 'not-reached';

export interface TraceStep {
  phase: 'keys' | 'tie' | 'strict' | 'swap' | 'forward' | 'restore' | 'write-back';
  title: string;
  detail: string;
  status: StepStatus;
  /** Keys to highlight in the tree and the override table. */
  keys: string[];
  swap?: SwapRecord;
}

export function refText(r: ValueRef): string {
  switch (r.kind) {
    case 'tensor':
      return `${r.isParameter ? 'Parameter' : 'tensor'} #${r.id} (v${r.version})`;
    case 'none':
      return 'None';
    case 'missing':
      return 'nothing';
    default:
      return `a ${r.type}`;
  }
}

const q = (k: string): string => `'${k}'`;
const list = (ks: string[]): string => (ks.length ? ks.map(q).join(', ') : 'none');

export function traceSteps(t: FunctionalCallTrace): TraceStep[] {
  const steps: TraceStep[] = [];
  const err = t.error;
  const failedAt = err?.phase ?? null;
  const reached = (phase: string): boolean => {
    const order = ['normalize', 'tie', 'strict', 'swap', 'forward', 'restore'];
    return failedAt === null || order.indexOf(phase) <= order.indexOf(failedAt);
  };

  steps.push({
    phase: 'keys',
    title: 'Read the override dict',
    detail:
      failedAt === 'normalize'
        ? `The state argument was rejected: ${err!.type}: ${err!.message}`
        : `${t.keys.length} key${t.keys.length === 1 ? '' : 's'}: ${list(t.keys)}.` +
          (t.api === 'stateless' ? ' (torch.nn.utils.stateless warns that it is deprecated.)' : ''),
    status: failedAt === 'normalize' ? 'failed' : 'done',
    keys: t.keys,
  });

  const added = t.expanded.filter((e) => e.added);
  steps.push({
    phase: 'tie',
    title: 'Tie expansion',
    detail: !t.tieWeights
      ? 'tie_weights=False: every name is overridden on its own; tied names keep the module\'s tensor.'
      : failedAt === 'tie'
        ? `${err!.type}: ${err!.message}`
        : t.tieGroups.length === 0
          ? 'The module has no tied tensors: nothing to expand.'
          : `Tied names: ${t.tieGroups.map((g) => g.join(' = ')).join('; ')}. ` +
            (t.expanded.length
              ? t.expanded.map((e) => `${q(e.key)} ${e.added ? 'gets' : 'keeps'} the value given for ${q(e.from)}`).join('; ') + '.'
              : 'No override names a tied tensor, so nothing is added.'),
    status: !t.tieWeights || !reached('tie') ? (reached('tie') ? 'skipped' : 'not-reached') : failedAt === 'tie' ? 'failed' : 'done',
    keys: added.length ? added.map((e) => e.key) : t.tieGroups.flat(),
  });

  const v = t.strictVerdict;
  steps.push({
    phase: 'strict',
    title: 'Strict check',
    detail: !t.strict
      ? 'strict=False: missing keys keep the module\'s own tensors; unexpected keys are set as plain attributes.'
      : failedAt === 'strict'
        ? `${err!.type}: ${err!.message}`
        : 'Every parameter and buffer is overridden and no key is unexpected.',
    status: !t.strict ? (reached('strict') ? 'skipped' : 'not-reached') : !reached('strict') ? 'not-reached' : failedAt === 'strict' ? 'failed' : 'done',
    keys: v ? [...v.missing, ...v.unexpected] : [],
  });

  const swaps = t.swaps.filter((s) => s.phase === 'swap');
  if (swaps.length === 0) {
    steps.push({
      phase: 'swap', title: 'Swap in', detail: reached('swap') && failedAt !== 'swap' ? 'Nothing to swap.' : 'Not reached.',
      status: reached('swap') ? (failedAt === 'swap' ? 'failed' : 'skipped') : 'not-reached', keys: [],
    });
  }
  for (const s of swaps) {
    const where = `${s.modulePath ? s.modulePath + '.' : ''}${s.leaf}`;
    steps.push({
      phase: 'swap',
      title: `Swap in ${q(s.key)}`,
      detail: `${where} (${s.kind}) now holds ${refText(s.after)}; the module's ${refText(s.before)} is set aside.`,
      status: 'done',
      keys: [s.key],
      swap: s,
    });
  }

  const writes = t.inPlace;
  steps.push({
    phase: 'forward',
    title: 'Run forward',
    detail:
      t.forward === 'not-run'
        ? 'forward did not run.'
        : (t.forward === 'ok' ? 'forward returned.' : `forward raised ${err?.phase === 'forward' ? `${err.type}: ${err.message}` : 'an exception'}.`) +
          (writes.length
            ? ' In-place writes: ' +
              writes.map((w) => `${q(w.key ?? w.name ?? '?')} v${w.versionBefore} → v${w.versionAfter}${w.key === null ? ' (module state, not overridden)' : ''}`).join('; ') + '.'
            : ' No in-place writes to the swapped-in tensors.'),
    status: t.forward === 'not-run' ? 'not-reached' : t.forward === 'ok' ? 'done' : 'failed',
    keys: writes.map((w) => w.key ?? w.name ?? ''),
  });

  const restores = t.swaps.filter((s) => s.phase === 'restore');
  for (const s of restores) {
    steps.push({
      phase: 'restore',
      title: `Restore ${q(s.key)}`,
      detail: `${s.modulePath ? s.modulePath + '.' : ''}${s.leaf} gets its ${refText(s.after)} back (it held ${refText(s.before)}).`,
      status: 'done',
      keys: [s.key],
      swap: s,
    });
  }
  if (restores.length === 0) {
    steps.push({
      phase: 'restore', title: 'Restore', detail: swaps.length ? 'Restore failed.' : 'Nothing was swapped, nothing to restore.',
      status: swaps.length && !t.restored ? 'failed' : 'skipped', keys: [],
    });
  }

  const changed = t.writeBack.filter((w) => w.changed);
  steps.push({
    phase: 'write-back',
    title: 'Write back into your dict',
    detail: !t.restored
      ? 'Not reached.'
      : changed.length
        ? changed.map((w) => `${q(w.key)}: the module ended forward holding ${refText(w.after)}, so your dict now holds it instead of ${refText(w.before)}`).join('; ') + '.'
        : 'Every slot still held the tensor you passed: your dict is unchanged.',
    status: !t.restored ? 'not-reached' : 'done',
    keys: changed.map((w) => w.key),
  });
  return steps;
}

/** What each swapped slot holds after step `i` (key → the value put in), replaying the swaps and
 * restores of steps 0..i — so the tree can show the module mid-call. */
export function slotsAt(steps: readonly TraceStep[], i: number): Map<string, ValueRef> {
  const out = new Map<string, ValueRef>();
  for (let k = 0; k <= i && k < steps.length; k++) {
    const s = steps[k].swap;
    if (!s) continue;
    if (steps[k].phase === 'swap') out.set(s.key, s.after);
    else out.delete(s.key); // restored: the module's own tensor again
  }
  return out;
}
