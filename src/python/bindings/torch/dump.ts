// The conformance dump's tensor encoding (../shared/oracle/README.md): dtype name, shape, the
// values flat in row-major order ("nan"/"inf"/"-inf" as strings, bool as 1.0/0.0, int64 as
// numbers), requires_grad and is_parameter. torch.Size, dtypes and devices need nothing here:
// a Size is a tuple and the rest encode as `other` with their repr.

import { registerDumpEncoder, encFloat } from '../../../run/dump';
import { Tensor } from './tensor/engine';

export async function encodeTensor(t: Tensor): Promise<Record<string, unknown>> {
  // A meta tensor has no values: the harness writes data null (unmaterialisable).
  if (t.device === 'meta') return { kind: 'tensor', dtype: t.dtype, shape: t.shape.slice(), data: null, requires_grad: t.requiresGrad, is_parameter: t.isParameter };
  const data = await t.data();
  const out: (number | string)[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = encFloat(Number(data[i]));
  return { kind: 'tensor', dtype: t.dtype, shape: t.shape.slice(), data: out, requires_grad: t.requiresGrad, is_parameter: t.isParameter };
}

let installed = false;
export function installTensorDump(): void {
  if (installed) return;
  installed = true;
  registerDumpEncoder(async (v) => (v instanceof Tensor ? ((await encodeTensor(v)) as { kind: 'tensor' }) : undefined));
}
