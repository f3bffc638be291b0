// A Python value from the report (a call's output): tensors as TensorView, tuples/lists/dicts as
// their items, anything else as its repr.

import type { RunReport, ValueSnapshot } from '../../run/report';
import { TensorView, lookupTensor } from './TensorView';

export function ValueView({ v, report, depth = 0 }: { v: ValueSnapshot; report: RunReport; depth?: number }) {
  switch (v.kind) {
    case 'tensor': {
      const t = lookupTensor(report, v.ref);
      return t ? <TensorView t={t} /> : <code>tensor (not captured)</code>;
    }
    case 'tuple':
    case 'list':
      return (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6, paddingLeft: depth ? 10 : 0 }}>
          <span className="note">{v.kind} of {v.items.length}</span>
          {v.items.map((x, i) => (
            <div key={i}><span className="note">[{i}]</span> <ValueView v={x} report={report} depth={depth + 1} /></div>
          ))}
        </div>
      );
    case 'dict':
      return (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6, paddingLeft: depth ? 10 : 0 }}>
          {v.items.map(([k, x]) => (
            <div key={k}><code>'{k}'</code>: <ValueView v={x} report={report} depth={depth + 1} /></div>
          ))}
        </div>
      );
    default:
      return <code>{v.repr}</code>;
  }
}
