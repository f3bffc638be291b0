// A class's annotated names in body order — what `@dataclass` and `class P(NamedTuple)` are built
// from: the class's own `__annotations__`, which the interpreter fills as the class body runs
// `x: int = 1` (interp/compileAssign.ts). An annotation is a value, or its source text under
// `from __future__ import annotations` (then ClassVar is recognized by its text).

import { type PyValue, PyDict, PyType } from '../object';

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
  if (!(d instanceof PyDict)) return [];
  return [...d.entries()].map(([k, v]) => ({ name: String(k), value: v, text: typeof v === 'string' ? v : null, hasValue: cls.dict!.has(String(k)) }));
}

/** `ClassVar[...]` / `typing.ClassVar` (a dataclass skips it; so does NamedTuple). */
export function isClassVar(a: Annotation): boolean {
  if (a.text !== null) return /^\s*(typing\s*\.\s*)?ClassVar\b/.test(a.text);
  const v = a.value as { isClassVar?: boolean } | null;
  return v !== null && typeof v === 'object' && v.isClassVar === true;
}
