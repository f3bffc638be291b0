// A class's annotated names in body order — what `@dataclass` and `class P(NamedTuple)` are built
// from. CPython reads them from the class's `__annotations__`, which the class body fills as it
// runs `x: int = 1`. Where the interpreter does not record `__annotations__` (the evaluator of this
// build compiles an annotation-only statement to nothing), the names are recovered from the class
// statement in the script's source: the class is found by its qualified name among the ClassDefs
// of the parsed script (nearest to the line now running when one name is defined twice), and each
// `name: annotation` statement of its body gives the name and the annotation's source text — which
// is what `from __future__ import annotations` would have stored. The first path wins whenever the
// interpreter provides it, so this file shrinks to its first half once it does.

import type * as A from '../ast';
import { parse } from '../parse';
import { type PyValue, PyDict, PyType } from '../object';
import { rt } from '../interp/runtime';

export interface Annotation {
  name: string;
  /** The annotation value (a string when recovered from the source). */
  value: PyValue;
  /** Source text of the annotation when known (for ClassVar detection). */
  text: string | null;
  /** Whether the class body assigned a value (`x: int = 1`). */
  hasValue: boolean;
}

/** The annotations written in the class body itself (not inherited), in order. */
export function ownAnnotations(cls: PyType): Annotation[] {
  const d = cls.dict!.get('__annotations__');
  if (d instanceof PyDict) {
    return [...d.entries()].map(([k, v]) => ({ name: String(k), value: v, text: typeof v === 'string' ? v : null, hasValue: cls.dict!.has(String(k)) }));
  }
  const cached = recovered.get(cls);
  if (cached) return cached;
  const found = fromSource(cls);
  recovered.set(cls, found);
  return found;
}
const recovered = new WeakMap<PyType, Annotation[]>();

// ---- recovery from the source ----------------------------------------------------------------

const parsedCache = new WeakMap<string[], A.Module | null>();

function fromSource(cls: PyType): Annotation[] {
  const run = rt();
  const frame = run.frames[run.frames.length - 1];
  const files = frame && run.sources.has(frame.filename) ? [frame.filename, ...run.sources.keys()] : [...run.sources.keys()];
  for (const file of files) {
    const lines = run.sources.get(file)!;
    let mod = parsedCache.get(lines);
    if (mod === undefined) {
      try {
        mod = parse(lines.join('\n'), file, { compileChecks: false });
      } catch {
        mod = null;
      }
      parsedCache.set(lines, mod);
    }
    if (mod === null) continue;
    const hits: A.ClassDef[] = [];
    walk(mod.body, '', (c, qual) => {
      if (qual === cls.qualname) hits.push(c);
    });
    if (hits.length === 0) continue;
    const line = frame && frame.filename === file ? frame.line : Infinity;
    const start = (c: A.ClassDef): number => Math.min(c.line, ...c.decorators.map((d) => d.line));
    const pick = hits.find((c) => start(c) <= line && line <= c.endLine) ?? [...hits].reverse().find((c) => start(c) <= line) ?? hits[0];
    const src = lines.join('\n');
    const out: Annotation[] = [];
    for (const s of pick.body) {
      if (s.kind !== 'AnnAssign' || !s.simple || s.target.kind !== 'Name') continue;
      const text = src.slice(s.annotation.from, s.annotation.to);
      out.push({ name: s.target.id, value: text, text, hasValue: s.value !== null });
    }
    return out;
  }
  return [];
}

/** Visit every ClassDef with its `__qualname__` (functions add `<locals>`, as CPython does). */
function walk(body: A.Stmt[], prefix: string, visit: (c: A.ClassDef, qual: string) => void): void {
  for (const s of body) {
    switch (s.kind) {
      case 'ClassDef':
        visit(s, prefix + s.name);
        walk(s.body, `${prefix}${s.name}.`, visit);
        break;
      case 'FunctionDef':
        walk(s.body, `${prefix}${s.name}.<locals>.`, visit);
        break;
      case 'If':
      case 'For':
      case 'While':
        walk(s.body, prefix, visit);
        walk(s.orelse, prefix, visit);
        break;
      case 'With':
        walk(s.body, prefix, visit);
        break;
      case 'Try':
        walk(s.body, prefix, visit);
        for (const h of s.handlers) walk(h.body, prefix, visit);
        walk(s.orelse, prefix, visit);
        walk(s.finalbody, prefix, visit);
        break;
    }
  }
}

/** `ClassVar[...]` / `typing.ClassVar` (a dataclass skips it; so does NamedTuple). */
export function isClassVar(a: Annotation): boolean {
  if (a.text !== null) return /^\s*(typing\s*\.\s*)?ClassVar\b/.test(a.text);
  const v = a.value as { isClassVar?: boolean } | null;
  return v !== null && typeof v === 'object' && v.isClassVar === true;
}
