// Turns a tensor into the bracketed body text that follows `tensor(` (torch._tensor_str's
// _tensor_str_with_formatter / _vector_str), and lists which elements a summarized tensor shows
// (get_summarized_data), so that the formatter measures exactly those. Elements are reached
// through flat row-major offsets; a summarized tensor only ever reads its edge items.

import type { ElementFormatter, Element } from './elementFormatter';
import type { PrintableTensor } from './printable';

export interface LayoutContext {
  t: PrintableTensor;
  strides: number[];
  summarize: boolean;
  edgeitems: number;
  linewidth: number;
  fmt: ElementFormatter;
}

export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= shape[d];
  }
  return strides;
}

/** Rows of a dimension of size n that a summarized print keeps. */
function edgeRows(n: number, edge: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < edge; i++) rows.push(i);
  for (let i = n - edge; i < n; i++) rows.push(i);
  return rows;
}

/** The values a summarized tensor's formatter measures (get_summarized_data). */
export function* summarizedValues(t: PrintableTensor, strides: number[], edge: number): Generator<Element> {
  const shape = t.shape;
  if (shape.length === 0) {
    yield t.at(0);
    return;
  }
  if (shape.length === 1) {
    const n = shape[0];
    // with edge 0 torch takes x[:0] and x[-0:], i.e. the whole row
    const rows = n > 2 * edge && edge > 0 ? edgeRows(n, edge) : null;
    if (rows) for (const i of rows) yield t.at(i * strides[0]);
    else for (let i = 0; i < n; i++) yield t.at(i * strides[0]);
    return;
  }
  if (edge === 0) return; // torch measures an empty tensor here
  function* walk(d: number, off: number): Generator<Element> {
    if (d === shape.length) {
      yield t.at(off);
      return;
    }
    const n = shape[d];
    if (n > 2 * edge) for (const i of edgeRows(n, edge)) yield* walk(d + 1, off + i * strides[d]);
    else for (let i = 0; i < n; i++) yield* walk(d + 1, off + i * strides[d]);
  }
  yield* walk(0, 0);
}

/** Every element, in order. */
export function* allValues(t: PrintableTensor, numel: number): Generator<Element> {
  for (let i = 0; i < numel; i++) yield t.at(i);
}

function vectorText(c: LayoutContext, off: number, d: number, indent: number): string {
  const n = c.t.shape[d];
  const stride = c.strides[d];
  const edge = c.edgeitems;
  const perLine = Math.max(1, Math.floor((c.linewidth - indent) / (c.fmt.width + 2)));
  let data: string[];
  if (c.summarize && edge === 0) data = ['...'];
  else if (c.summarize && n > 2 * edge) {
    data = [];
    for (let i = 0; i < edge; i++) data.push(c.fmt.format(c.t.at(off + i * stride)));
    data.push(' ...'); // the leading space makes it read ",  ...,"
    for (let i = n - edge; i < n; i++) data.push(c.fmt.format(c.t.at(off + i * stride)));
  } else {
    data = new Array<string>(n);
    for (let i = 0; i < n; i++) data[i] = c.fmt.format(c.t.at(off + i * stride));
  }
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

/** Body text of the sub-tensor at flat offset `off` spanning dimensions d.. of the tensor. */
export function bodyText(c: LayoutContext, off: number, d: number, indent: number): string {
  const dims = c.t.shape.length - d;
  if (dims === 0) return c.fmt.format(c.t.at(off));
  if (dims === 1) return vectorText(c, off, d, indent);
  const n = c.t.shape[d];
  const stride = c.strides[d];
  const edge = c.edgeitems;
  const slices: string[] = [];
  if (c.summarize && n > 2 * edge) {
    for (let i = 0; i < edge; i++) slices.push(bodyText(c, off + i * stride, d + 1, indent + 1));
    slices.push('...');
    for (let i = n - edge; i < n; i++) slices.push(bodyText(c, off + i * stride, d + 1, indent + 1));
  } else {
    for (let i = 0; i < n; i++) slices.push(bodyText(c, off + i * stride, d + 1, indent + 1));
  }
  // 2-d rows: one newline; 3-d blocks: a blank line; 4-d: two ...
  return '[' + slices.join(',' + '\n'.repeat(dims - 1) + ' '.repeat(indent + 1)) + ']';
}
