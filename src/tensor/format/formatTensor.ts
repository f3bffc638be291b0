// repr(t) == str(t) of a tensor, byte for byte as PyTorch 2.6 prints it (torch._tensor_str
// _str_intern): picks the formatter from the values that will be shown, lays out the body
// (layout.ts), then appends device= / size= / dtype= / grad_fn= / requires_grad= suffixes,
// wrapping them onto their own lines when they would pass the line width. A Parameter gets
// "Parameter containing:\n" in front. Containers around tensors are the interpreter's business:
// they embed this text as is, never re-indenting it.

import { isFloating, type DType } from '../dtype';
import { ElementFormatter } from './elementFormatter';
import { allValues, bodyText, rowMajorStrides, summarizedValues } from './layout';
import { getPrintOptions, type PrintOptions } from './options';
import type { PrintableTensor } from './printable';

export interface FormatContext {
  /** torch.get_default_dtype(): the floating dtype that prints no dtype= suffix */
  defaultFloat?: DType;
}

const PREFIX = 'tensor(';
const INDENT = PREFIX.length;

/** Python's tuple text of a shape: (20,) / (2, 3) / () */
export function shapeTupleText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** repr(t) / str(t); print(t) writes this plus '\n'. */
export function formatTensor(
  t: PrintableTensor,
  opts: Readonly<PrintOptions> = getPrintOptions(),
  ctx: FormatContext = {},
): string {
  const defaultFloat = ctx.defaultFloat ?? 'float32';
  const suffixes: string[] = [];
  // the goldens are CPU runs: a tensor the script believes is on the CPU prints no device
  if (t.device !== 'cpu') suffixes.push(`device='${t.device}'`);

  let numel = 1;
  for (const s of t.shape) numel *= s;
  let body: string;
  if (numel === 0) {
    body = '[]';
    if (t.shape.length !== 1) suffixes.push('size=' + shapeTupleText(t.shape));
    // empty tensors show int64 / bool too: only the default float dtype is implied
    if (t.dtype !== defaultFloat) suffixes.push('dtype=torch.' + t.dtype);
  } else {
    if (opts.edgeitems === 0) suffixes.push('size=' + shapeTupleText(t.shape));
    if (t.dtype !== defaultFloat && t.dtype !== 'int64' && t.dtype !== 'bool') suffixes.push('dtype=torch.' + t.dtype);
    body = formatBody(t, numel, opts);
  }
  if (t.gradFnName !== null) suffixes.push(`grad_fn=<${t.gradFnName}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');

  const text = placeSuffixes(PREFIX + body, suffixes, opts.linewidth) + ')';
  return t.isParameter ? 'Parameter containing:\n' + text : text;
}

function formatBody(t: PrintableTensor, numel: number, opts: Readonly<PrintOptions>): string {
  const summarize = numel > opts.threshold;
  const strides = rowMajorStrides(t.shape);
  const shown = summarize ? summarizedValues(t, strides, opts.edgeitems) : allValues(t, numel);
  const fmt = new ElementFormatter(shown, isFloating(t.dtype), opts.precision, opts.sci_mode);
  return bodyText({ t, strides, summarize, edgeitems: opts.edgeitems, linewidth: opts.linewidth, fmt }, 0, 0, INDENT);
}

/** _add_suffixes: a suffix that would pass the line width goes on its own line, indented to the
 * body. The running count after a break is 2 short of the real line length; torch does the same. */
function placeSuffixes(text: string, suffixes: string[], linewidth: number): string {
  let out = text;
  let lastLine = text.length - text.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLine + s.length + 2 > linewidth) {
      out += ',\n' + ' '.repeat(INDENT) + s;
      lastLine = INDENT + s.length;
    } else {
      out += ', ' + s;
      lastLine += s.length + 2;
    }
  }
  return out;
}
