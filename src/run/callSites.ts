// Where the script calls functional_call, found in the parsed AST (python/parse) without running
// anything. The report builder matches each traced call to its site by line/column to give the
// CallRecord its source spans; the page's inspector re-finds the sites in the current text before
// rewriting it (ui/edit). Pure functions over the AST: no engine, no DOM.
//
// A site knows the call's span, its override-dict argument, and — when that argument is a dict
// literal, written at the call or bound once to a module-level name (`a = {...}` as in the docs'
// examples) — every `'key': value` entry with its spans, so edits can be exact and minimal.

import type * as A from '../python/ast';
import type { Span } from './report';

export interface DictEntrySite {
  key: string;
  /** The whole `'key': value` entry. */
  entry: Span;
  keySpan: Span;
  value: Span;
  valueText: string;
}

export interface DictSite {
  /** The `{...}` literal (possibly away from the call, see viaName). */
  span: Span;
  entries: DictEntrySite[];
  /** False when the literal has `**spread` or non-string keys: shown, but not rewritten. */
  editable: boolean;
  /** The module-level name the call passes, when the literal is bound to it (`a = {...}`). */
  viaName: string | null;
}

export interface KeywordSite {
  /** `name=value` as a whole. */
  span: Span;
  value: Span;
  valueText: string;
}

export interface CallSite {
  span: Span;
  /** The callee as written (`functional_call`, `torch.func.functional_call`, `fc`). */
  callee: string;
  api: 'torch.func' | 'stateless' | 'unknown';
  /** Span of the override argument as written at the call (a literal, a name, a tuple...). */
  dictArg: Span | null;
  dict: DictSite | null;
  keywords: Record<string, KeywordSite>;
  /** Offset just past the last argument: where a new keyword argument goes. */
  argsEnd: number;
}

const spanOf = (n: A.Span): Span => ({ from: n.from, to: n.to, line: n.line, col: n.col, endLine: n.endLine, endCol: n.endCol });

type AnyNode = { kind: string } & Partial<A.Span>;

/** Every AST node under `root`, in source order (parents before children). */
export function* walk(root: unknown): Generator<AnyNode> {
  if (Array.isArray(root)) {
    for (const x of root) yield* walk(x);
    return;
  }
  if (root === null || typeof root !== 'object') return;
  const node = root as Record<string, unknown>;
  if (typeof node.kind === 'string') yield node as unknown as AnyNode;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'value' && node.kind === 'Constant') continue;
    if (v !== null && typeof v === 'object') yield* walk(v);
  }
}

/** Names bound to functional_call by imports (`from torch.func import functional_call as fc`). */
function importedNames(mod: A.Module): Map<string, CallSite['api']> {
  const out = new Map<string, CallSite['api']>();
  for (const n of walk(mod.body)) {
    if (n.kind !== 'ImportFrom') continue;
    const imp = n as unknown as A.ImportFrom;
    const api: CallSite['api'] =
      imp.module === 'torch.func' ? 'torch.func' : imp.module === 'torch.nn.utils.stateless' ? 'stateless' : 'unknown';
    for (const a of imp.names) if (a.name === 'functional_call') out.set(a.asname ?? a.name, api);
  }
  return out;
}

function calleeInfo(func: A.Expr, source: string, imported: Map<string, CallSite['api']>): CallSite['api'] | null {
  if (func.kind === 'Name') return imported.get(func.id) ?? (func.id === 'functional_call' ? 'unknown' : null);
  if (func.kind === 'Attribute' && func.attr === 'functional_call') {
    const owner = source.slice(func.value.from, func.value.to).replace(/\s+/g, '');
    if (owner.endsWith('stateless')) return 'stateless';
    if (owner.endsWith('func')) return 'torch.func';
    return 'unknown';
  }
  return null;
}

/** Module-level `name = {literal}` bindings, for names assigned exactly once in the whole script. */
function singleDictBindings(mod: A.Module): Map<string, A.Dict> {
  const stores = new Map<string, number>();
  for (const n of walk(mod.body)) {
    if (n.kind === 'Name' && (n as unknown as A.Name).ctx !== 'Load') {
      const id = (n as unknown as A.Name).id;
      stores.set(id, (stores.get(id) ?? 0) + 1);
    }
  }
  const out = new Map<string, A.Dict>();
  for (const s of mod.body) {
    if (s.kind !== 'Assign' || s.targets.length !== 1 || s.value.kind !== 'Dict') continue;
    const t = s.targets[0];
    if (t.kind === 'Name' && stores.get(t.id) === 1) out.set(t.id, s.value);
  }
  return out;
}

function dictSite(d: A.Dict, source: string, viaName: string | null): DictSite {
  const entries: DictEntrySite[] = [];
  let editable = true;
  d.keys.forEach((k, i) => {
    const v = d.values[i];
    if (!k || k.kind !== 'Constant' || k.value.type !== 'str') {
      editable = false;
      return;
    }
    entries.push({
      key: k.value.value,
      entry: { ...spanOf(k), to: v.to, endLine: v.endLine, endCol: v.endCol },
      keySpan: spanOf(k),
      value: spanOf(v),
      valueText: source.slice(v.from, v.to),
    });
  });
  return { span: spanOf(d), entries, editable, viaName };
}

/** The override argument: 2nd positional, or the keyword PyTorch names it by. */
function overrideArg(call: A.Call): A.Expr | null {
  if (call.args.length >= 2 && call.args[1].kind !== 'Starred') return call.args[1];
  for (const k of call.keywords) {
    if (k.arg === 'parameter_and_buffer_dicts' || k.arg === 'parameters_and_buffers') return k.value;
  }
  return null;
}

/** Every functional_call site in the script, in source order. */
export function findCallSites(mod: A.Module, source: string): CallSite[] {
  const imported = importedNames(mod);
  const bound = singleDictBindings(mod);
  const sites: CallSite[] = [];
  for (const n of walk(mod.body)) {
    if (n.kind !== 'Call') continue;
    const call = n as unknown as A.Call;
    const api = calleeInfo(call.func, source, imported);
    if (api === null) continue;
    const arg = overrideArg(call);
    let dict: DictSite | null = null;
    if (arg?.kind === 'Dict') dict = dictSite(arg, source, null);
    else if (arg?.kind === 'Name' && bound.has(arg.id)) dict = dictSite(bound.get(arg.id)!, source, arg.id);
    const keywords: Record<string, KeywordSite> = {};
    for (const k of call.keywords) {
      if (k.arg) keywords[k.arg] = { span: spanOf(k), value: spanOf(k.value), valueText: source.slice(k.value.from, k.value.to) };
    }
    const lastArg = Math.max(call.func.to, ...call.args.map((a) => a.to), ...call.keywords.map((k) => k.to));
    sites.push({
      span: spanOf(call),
      callee: source.slice(call.func.from, call.func.to),
      api,
      dictArg: arg ? spanOf(arg) : null,
      dict,
      keywords,
      argsEnd: lastArg,
    });
  }
  return sites;
}

/**
 * The site a running call came from, given the line the interpreter was on (and the column of the
 * call expression when known). Several calls on one line: the column decides, else the first.
 */
export function siteAt(sites: readonly CallSite[], line: number, col?: number | null): CallSite | null {
  const onLine = sites.filter((s) => s.span.line <= line && line <= s.span.endLine);
  if (onLine.length === 0) return null;
  if (col != null) {
    const exact = onLine.find((s) => s.span.line === line && s.span.col === col);
    if (exact) return exact;
  }
  // Prefer a call that starts on the line (a multi-line call's frame line is its first line).
  return onLine.find((s) => s.span.line === line) ?? onLine[0];
}
