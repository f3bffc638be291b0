// Module.__repr__ exactly as PyTorch builds it: `Name(extra_repr)` on one line when there are no
// children, otherwise one `(key): child` line per child indented by two spaces, nested reprs
// re-indented by `_addindent`. ModuleList overrides it to fold runs of identical children into
// `(0-2): 3 x Linear(...)`. Child reprs and extra_repr go through Python (users override both).

import { callMethod, type PyValue } from '../python/object';
import { Module } from './module';
import { pyRepr } from './pyproto';

/** PyTorch's `_addindent(s, n)`: indent every line but the first. */
export function addIndent(s: string, n: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(n);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

async function extraRepr(m: Module): Promise<string> {
  const r: PyValue = await callMethod(m, 'extra_repr', []);
  return typeof r === 'string' ? r : await pyRepr(r);
}

/** Module.__repr__. */
export async function moduleRepr(m: Module): Promise<string> {
  const extra = await extraRepr(m);
  const extraLines = extra ? extra.split('\n') : [];
  const childLines: string[] = [];
  for (const [key, child] of m._modules?.entries() ?? []) {
    childLines.push(`(${key as string}): ${addIndent(await pyRepr(child), 2)}`);
  }
  const lines = [...extraLines, ...childLines];
  let s = `${m.typeName}(`;
  if (lines.length) {
    if (extraLines.length === 1 && childLines.length === 0) s += extraLines[0];
    else s += '\n  ' + lines.join('\n  ') + '\n';
  }
  return s + ')';
}

/** ModuleList.__repr__: runs of children with equal reprs are folded. */
export async function moduleListRepr(m: Module): Promise<string> {
  const reprs: string[] = [];
  for (const child of m._modules?.values() ?? []) reprs.push(await pyRepr(child));
  if (reprs.length === 0) return `${m.typeName}()`;
  const blocks: { start: number; end: number; repr: string }[] = [{ start: 0, end: 0, repr: reprs[0] }];
  for (let i = 1; i < reprs.length; i++) {
    const last = blocks[blocks.length - 1];
    if (reprs[i] === last.repr) last.end++;
    else blocks.push({ start: i, end: i, repr: reprs[i] });
  }
  const lines = blocks.map((b) =>
    addIndent(b.start === b.end ? `(${b.start}): ${b.repr}` : `(${b.start}-${b.end}): ${b.end - b.start + 1} x ${b.repr}`, 2),
  );
  return `${m.typeName}(\n  ${lines.join('\n  ')}\n)`;
}
