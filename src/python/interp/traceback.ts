// CPython 3.13's report of an uncaught exception: the chain (__cause__ / __context__ with their
// separator sentences), `Traceback (most recent call last):`, one `File "...", line N, in name`
// entry per Python frame with its stripped source line and — where CPython prints them — the
// caret line (`~~~^^^` anchored at a call's parentheses, a subscript's brackets or a binary
// operator), then `Type: message` — with the "Did you mean" hint CPython adds there (and only
// there, never in str(e)) for AttributeError / NameError / ImportError (suggestions.ts).

import type * as A from '../ast';
import { type PyBaseException, type TbEntry } from '../builtins/exceptions';
import { str } from '../builtins/repr';
import { nodeForCarets } from './locations';
import { suggestionTail } from './suggestions';

/** Format an exception and its chain exactly as `traceback.print_exc()` does. */
export async function formatException(exc: PyBaseException, sources: Map<string, string[]>): Promise<string> {
  const seen = new Set<PyBaseException>();
  return formatChain(exc, sources, seen);
}

async function formatChain(exc: PyBaseException, sources: Map<string, string[]>, seen: Set<PyBaseException>): Promise<string> {
  seen.add(exc);
  let out = '';
  const cause = exc.cause as PyBaseException | null;
  const ctx = exc.context as PyBaseException | null;
  if (cause && !seen.has(cause)) {
    out += await formatChain(cause, sources, seen);
    out += '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (ctx && !exc.suppressContext && !seen.has(ctx)) {
    out += await formatChain(ctx, sources, seen);
    out += '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  if (exc.tb.length) {
    out += 'Traceback (most recent call last):\n';
    // CPython folds runs of identical entries after the third: "[Previous line repeated N more times]"
    let last = '';
    let count = 0;
    const flush = (): void => {
      if (count > 3) out += `  [Previous line repeated ${count - 3} more time${count - 3 === 1 ? '' : 's'}]\n`;
    };
    for (let i = exc.tb.length - 1; i >= 0; i--) {
      const e = exc.tb[i];
      const key = `${e.filename}:${e.line}:${e.name}`;
      if (key === last) {
        count++;
        if (count > 3) continue;
      } else {
        flush();
        last = key;
        count = 1;
      }
      out += formatEntry(e, sources);
    }
    flush();
  }
  out += await excLine(exc, true);
  return out;
}

/** `Type: message` and a newline; with `hint`, the traceback's "Did you mean" tail after the
 * message (without it the line holds just str(e), as the RunReport's error message wants). */
export async function excLine(exc: PyBaseException, hint = false): Promise<string> {
  let msg: string;
  try {
    msg = await str(exc);
  } catch {
    msg = '<exception str() failed>';
  }
  if (hint) msg += await suggestionTail(exc);
  const mod = exc.cls.module;
  const name = mod === 'builtins' || mod === '__main__' ? exc.cls.qualname : `${mod}.${exc.cls.qualname}`;
  return msg === '' ? `${name}\n` : `${name}: ${msg}\n`;
}

function formatEntry(e: TbEntry, sources: Map<string, string[]>): string {
  let out = `  File "${e.filename}", line ${e.line}, in ${e.name}\n`;
  const lines = sources.get(e.filename);
  const raw = lines?.[e.line - 1];
  if (raw === undefined) return out;
  const stripped = raw.trim();
  if (stripped === '') return out;
  out += `    ${stripped}\n`;
  const carets = caretLine(e, raw);
  if (carets) out += carets + '\n';
  return out;
}

/** The caret line under `raw` for entry `e`, or null where CPython prints none. */
function caretLine(e: TbEntry, raw: string): string | null {
  const node = nodeForCarets.get(e) as (A.Node & A.Span) | undefined;
  if (!node || e.col === undefined || e.endCol === undefined || e.endLine !== e.line) return null;
  const indent = raw.length - raw.trimStart().length;
  const start = e.col;
  const end = e.endCol;
  const anchors = anchorsOf(node, raw);
  if (!anchors) {
    // carets only when the expression is not the whole (stripped) line
    if (raw.slice(0, start).trim() === '' && raw.slice(end).trim() === '') return null;
  } else if (coversCallStatement(node, raw, start, end)) {
    return null;
  }
  let s = ' '.repeat(4 + start - indent);
  for (let i = start; i < end; i++) {
    if (!anchors) s += '^';
    else s += i >= anchors[0] && i < anchors[1] ? '^' : '~';
  }
  return s;
}

/** `x = f(a)` / `return f(a)` with a plain-name callee covering the whole statement: no carets. */
function coversCallStatement(node: A.Node & A.Span, raw: string, start: number, end: number): boolean {
  if (node.kind !== 'Call' || (node as A.Call).func.kind !== 'Name') return false;
  const before = raw.slice(0, start).trim();
  if (raw.slice(end).trim() !== '') return false;
  return before === 'return' || /^[A-Za-z_][A-Za-z0-9_]*\s*=$/.test(before);
}

/** [primaryStart, primaryEnd) columns of the `^` part, or null when the node has no anchors. */
function anchorsOf(node: A.Node & A.Span, raw: string): [number, number] | null {
  switch (node.kind) {
    case 'Call': {
      const fn = (node as A.Call).func as A.Span & A.Node;
      if (fn.endLine !== node.line) return null;
      let i = fn.endCol;
      while (i < node.endCol && raw[i] !== '(') i++;
      return [i, node.endCol];
    }
    case 'Subscript': {
      const v = (node as A.Subscript).value as A.Span & A.Node;
      if (v.endLine !== node.line) return null;
      let i = v.endCol;
      while (i < node.endCol && raw[i] !== '[') i++;
      return [i, node.endCol];
    }
    case 'BinOp': {
      const l = (node as A.BinOp).left as A.Span & A.Node;
      if (l.endLine !== node.line) return null;
      let i = l.endCol;
      while (i < node.endCol && (raw[i] === ' ' || raw[i] === ')' || raw[i] === '\t')) i++;
      let j = i;
      while (j < node.endCol && '+-*/%@<>&|^'.includes(raw[j])) j++;
      return [i, Math.max(j, i + 1)];
    }
    default:
      return null;
  }
}
