// The call inspector: every functional_call of the script as a tab; for the selected one, the
// call as written, its tie_weights / strict switches, the override dict as an editable table
// (every edit rewrites the script and reruns), and what happened — the output or the error,
// effects before → after, and whether the module came back untouched. A second tab steps
// through the reparametrization (TraceView).

import { useLab, useLabApi, useSelectedCall, treeSnapshotOf } from '../../store/hooks';
import type { CallRecord, RunReport } from '../../run/report';
import { literalPlanFor, rewriteAsLiteral, setCallKeyword } from '../edit/actions';
import type { LiteralPlan } from '../edit/literal';
import { OverrideTable } from './OverrideTable';
import { Effects } from './Effects';
import { TraceView } from './TraceView';
import { ValueView } from './ValueView';
import { Gradients } from './Gradients';

export function CallInspector() {
  const api = useLabApi();
  const report = useLab((s) => s.report);
  const selected = useLab((s) => s.selectedCall);
  const tab = useLab((s) => s.inspectorTab);
  const call = useSelectedCall();
  const calls = report?.calls ?? [];
  return (
    <>
      <div className="pane-head">
        <h2>functional_call</h2>
        <span className="spacer" />
        {calls.length > 0 && <span style={{ textTransform: 'none', letterSpacing: 0 }}>{calls.length} call{calls.length === 1 ? '' : 's'}</span>}
      </div>
      {calls.length > 0 && (
        <div className="calls" role="tablist" aria-label="Calls in the script">
          {calls.map((c) => {
            const turn = siteTurn(calls, c);
            return (
              <button key={c.index} role="tab" className="call-tab" aria-selected={c.index === selected}
                onClick={() => api.getState().selectCall(c.index)} data-testid={`call-tab-${c.index}`}
                title={(turn ? `call ${turn[0]} of ${turn[1]} made by this line; ` : '') + (c.error ? `${c.error.type}: ${c.error.message}` : 'returned normally')}>
                {c.span ? `line ${c.span.line}` : `call ${c.index + 1}`} · {c.module}
                {turn && <span className="turn"> {turn[0]}/{turn[1]}</span>}
                {c.error && <span className="x"> ✕</span>}
              </button>
            );
          })}
        </div>
      )}
      {call && (
        <div className="tabs" role="tablist" aria-label="Inspector views">
          <button role="tab" className="tab" aria-selected={tab === 'call'} onClick={() => api.getState().setInspectorTab('call')} data-testid="tab-call">
            Overrides &amp; result
          </button>
          <button role="tab" className="tab" aria-selected={tab === 'trace'} onClick={() => api.getState().setInspectorTab('trace')} data-testid="tab-trace">
            Trace
          </button>
        </div>
      )}
      <div className="pane-body" data-testid="inspector">
        {!call ? <NoCall report={report} /> : tab === 'trace' ? <TraceView call={call} /> : <CallDetails call={call} report={report!} />}
      </div>
    </>
  );
}

/** The call as written, its continuation lines dedented by its statement's indentation (the box
 * starts at the call, not at the start of its line). */
function callText(script: string, from: number, to: number): string {
  const lineStart = script.lastIndexOf('\n', from - 1) + 1;
  const indent = /^[ \t]*/.exec(script.slice(lineStart))![0].length;
  return script.slice(from, to).split('\n').map((l, i) => (i === 0 ? l : l.slice(Math.min(indent, l.length - l.trimStart().length)))).join('\n');
}

/** For a line that made several calls (a loop, vmap): this call's turn and the count. */
function siteTurn(calls: readonly CallRecord[], c: CallRecord): [number, number] | null {
  if (!c.span) return null;
  const same = calls.filter((x) => x.span !== null && x.span.from === c.span!.from && x.span.to === c.span!.to);
  return same.length > 1 ? [same.indexOf(c) + 1, same.length] : null;
}

function NoCall({ report }: { report: RunReport | null }) {
  return (
    <div className="empty">
      {report?.error ? (
        <>
          <strong>No functional_call ran.</strong>
          <p>The script stopped with <code>{report.error.type}</code> on line {report.error.traceback.at(-1)?.line ?? report.error.span?.line ?? '?'} before reaching one — see the console.</p>
        </>
      ) : report ? (
        <>
          <strong>This script makes no functional_call.</strong>
          <p>Call <code>torch.func.functional_call(module, {'{'}'name': tensor{'}'}, args)</code> to see what it swaps, what changes in place and what comes back.</p>
        </>
      ) : (
        <><strong>Nothing ran yet.</strong> Press Run or Ctrl+Enter.</>
      )}
    </div>
  );
}

function CallDetails({ call, report }: { call: CallRecord; report: RunReport }) {
  const api = useLabApi();
  const script = useLab((s) => s.reportScript);
  const running = useLab((s) => s.run.status === 'running');
  const entry = treeSnapshotOf(report, call, 'entry');
  const text = call.span && script ? callText(script, call.span.from, call.span.to) : `functional_call(${call.module}, …)`;
  const literal = call.dictSpan !== null;
  const currentScript = useLab((s) => s.script);
  const plan = literal ? null : literalPlanFor(currentScript, script, report, call);
  const viaName = literal && call.span && call.dictSpan && (call.dictSpan.from < call.span.from || call.dictSpan.to > call.span.to);
  return (
    <>
      <div className="section">
        <h3>
          Call <span className="tag">{call.api}</span>
          {call.span && (
            <button className="linklike" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}
              onClick={() => api.getState().focusEditor(call.span!.from, call.span!.to)}>
              line {call.span.line}
            </button>
          )}
        </h3>
        <div className="callsig" data-testid="call-text" tabIndex={0} role="region" aria-label="The call as written">{text}</div>
        <div className="toggles">
          <label className="switch" title="Follow tied names: an override of one name of a tensor replaces all of them">
            <input type="checkbox" role="switch" checked={call.tieWeights} disabled={running || !call.span}
              onChange={(e) => setCallKeyword(api, 'tie_weights', e.target.checked)} data-testid="toggle-tie" />
            tie_weights={call.tieWeights ? 'True' : 'False'}
          </label>
          <label className="switch" title="Require exactly the module's parameters and buffers">
            <input type="checkbox" role="switch" checked={call.strict} disabled={running || !call.span}
              onChange={(e) => setCallKeyword(api, 'strict', e.target.checked)} data-testid="toggle-strict" />
            strict={call.strict ? 'True' : 'False'}
          </label>
        </div>
      </div>
      <div className="section">
        <h3>Override dict</h3>
        {plan && <LiteralOffer plan={plan} running={running} />}
        {viaName && <p className="note">Edits change the dict literal on line {call.dictSpan!.line}; every call that passes it sees them.</p>}
        <OverrideTable call={call} report={report} entry={entry?.root ?? null} editable={literal && !running}
          passedAs={plan?.ok ? plan.ref : null} />
      </div>
      <div className="section">
        <h3>Result</h3>
        {call.error ? (
          <div className="errbox" data-testid="call-error"><b>{call.error.type}</b>: {call.error.message}</div>
        ) : call.output ? (
          <ValueView v={call.output} report={report} />
        ) : (
          <p className="note">The call did not return.</p>
        )}
      </div>
      <div className="section">
        <h3>Module afterwards</h3>
        {call.restored ? (
          <span className="restored ok" data-testid="restored">✓ module restored — every slot holds its original tensor again</span>
        ) : (
          <span className="restored bad" data-testid="restored">
            ✗ not restored: {call.notRestored.length ? call.notRestored.join(', ') : 'the restore step failed'}
          </span>
        )}
      </div>
      <Gradients call={call} report={report} />
      <Effects call={call} report={report} />
      <CallWarnings call={call} report={report} />
    </>
  );
}

/** A dict that is not a literal at the call: read-only here, with the one edit that makes it a
 * literal (edit/literal.ts) — or why that edit would change what the script does. */
function LiteralOffer({ plan, running }: { plan: LiteralPlan; running: boolean }) {
  const api = useLabApi();
  return (
    <div className="literal-offer" data-testid="literal-offer">
      <p className="note">
        The dict is not written as a literal at this call, so it is shown read-only.
        {plan.ok ? <> Rewrite the argument as a literal that names the same entries — the call sees the same tensors — and every key becomes editable:</> : <> It cannot be rewritten from here: {plan.reason}</>}
      </p>
      {plan.ok && (
        <div className="literal-row">
          <code className="literal-preview" title={plan.literal}>{plan.literal.replace(/\s*\n\s*/g, ' ').replace('{ ', '{').replace(', }', '}')}</code>
          <button className="btn btn-small" disabled={running} onClick={() => rewriteAsLiteral(api)} data-testid="rewrite-literal">Rewrite as literal</button>
        </div>
      )}
    </div>
  );
}

function CallWarnings({ call, report }: { call: CallRecord; report: RunReport }) {
  const ws = report.warnings.filter((w) => call.span && w.line !== null && w.line >= call.span.line && w.line <= call.span.endLine);
  if (ws.length === 0) return null;
  return (
    <div className="section">
      <h3>Warnings</h3>
      {ws.map((w, i) => (
        <p key={i} className="note" style={{ color: 'var(--warn)' }}>{w.category}: {w.message}</p>
      ))}
    </div>
  );
}
