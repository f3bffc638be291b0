// Where in a frame an exception happened: the innermost failing expression (for CPython 3.13's
// caret lines) or the statement line when it first reached a try/finally, recorded once per frame
// on the exception instance. Function exit and module exit turn that into a traceback entry.

import type * as A from '../ast';
import { type PyBaseException, type TbEntry, asThrowable, toPyException } from '../builtins/exceptions';
import type { Frame } from './function';

interface At {
  frame: Frame;
  line: number;
  node: A.Node | null;
}
const atOf = new WeakMap<PyBaseException, At>();

export const locHooks = {
  /** Called by compiled expressions when evaluation throws: remember the node (first one wins). */
  mark(err: unknown, f: Frame, node: A.Node & A.Span): unknown {
    const exc = toPyException(err);
    if (!exc) return err;
    const at = atOf.get(exc);
    if (!at || at.frame !== f) atOf.set(exc, { frame: f, line: node.line, node });
    return asThrowable(exc);
  },
};

/** The exception arrived in frame `f` (a handler there sees it, or it leaves `f`): add f's
 * traceback entry once per arrival, at the failing expression's line when one was marked. */
export function arrive(exc: PyBaseException, f: Frame): void {
  if (exc.lastFrame === f) return;
  exc.lastFrame = f;
  exc.tb.push(tbEntry(exc, f));
}

/** An explicit `raise exc`: the raising frame gets a fresh entry when the exception arrives. */
export function raised(exc: PyBaseException): void {
  exc.lastFrame = null;
  atOf.delete(exc);
}

/** The traceback entry for `exc` in frame `f`. */
function tbEntry(exc: PyBaseException, f: Frame): TbEntry {
  const at = atOf.get(exc);
  atOf.delete(exc);
  if (at && at.frame === f) {
    const n = at.node as (A.Node & A.Span) | null;
    const entry: TbEntry = { filename: f.filename, line: at.line, name: f.name };
    if (n && n.line === at.line) {
      entry.col = n.col;
      entry.endCol = n.endCol;
      entry.endLine = n.endLine;
      nodeForCarets.set(entry, n);
    }
    return entry;
  }
  return { filename: f.filename, line: f.line, name: f.name };
}

/** The AST node of a traceback entry (the caret renderer needs its structure). */
export const nodeForCarets = new WeakMap<TbEntry, A.Node>();
