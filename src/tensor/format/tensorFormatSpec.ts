// format(t, spec) / f"{t:spec}" for a tensor (Tensor.__format__ in PyTorch 2.6): a 0-d plain
// tensor formats its Python scalar (.item()) with the spec, so f"{torch.tensor(0.1)}" is
// '0.10000000149011612'; anything else (including a 0-d Parameter) goes to object.__format__,
// which gives str(t) for an empty spec and raises TypeError otherwise.

import { PyError } from '../../errors';
import { formatSpec } from '../../python/numfmt';
import { isFloating } from '../dtype';
import { formatTensor, type FormatContext } from './formatTensor';
import { getPrintOptions, type PrintOptions } from './options';
import type { PrintableTensor } from './printable';

export function formatTensorSpec(
  t: PrintableTensor,
  spec: string,
  opts: Readonly<PrintOptions> = getPrintOptions(),
  ctx: FormatContext = {},
): string {
  if (t.shape.length === 0 && !t.isParameter) {
    const v = t.at(0);
    if (typeof v === 'boolean') return formatSpec({ kind: 'bool', v }, spec);
    if (isFloating(t.dtype)) return formatSpec({ kind: 'float', v: v as number }, spec);
    return formatSpec({ kind: 'int', v: v as number | bigint }, spec);
  }
  if (spec !== '') {
    throw new PyError('TypeError', `unsupported format string passed to ${t.isParameter ? 'Parameter' : 'Tensor'}.__format__`);
  }
  return formatTensor(t, opts, ctx);
}
