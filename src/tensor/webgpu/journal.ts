// Undo for one native call on the 'webgpu' device. A call that needs host values of its own GPU
// results cannot wait for them (ops are synchronous), so run/device.ts rolls it back and makes it
// again host-side. Rolling back means: every storage older than the call that it wrote — on the
// GPU (bufferForWrite) or on the host (`data`) — gets its values and residency from before the
// call. Between Python-level calls all host copies are current (run/device.ts drains GPU writes),
// so "before" is always on the host: a GPU write only needs its host copy declared current again
// (and the GPU copy stale); a host write needs a copy of the old host array, taken at the first
// write. Journals nest with the calls; a finished inner call's entries pass to the outer one.

import type { StorageArray } from '../dtype';

export interface JournalEntry {
  hostValid: boolean;
  gpuValid: boolean;
  hostLazy: boolean;
  /** The host array before the call's first host write (null: not written on the host). */
  host: StorageArray | null;
  /** Written by a GPU kernel during the call. */
  gpuWritten: boolean;
}

export interface Journaled {
  readonly id: number;
  journalState(): Omit<JournalEntry, 'host' | 'gpuWritten'>;
  restoreFromJournal(e: JournalEntry): void;
}

export interface Journal {
  /** Storages with ids below this existed before the call. */
  readonly mark: number;
  readonly entries: Map<Journaled, JournalEntry>;
}

export const journals: { active: Journal | null } = { active: null };

/** The entry of `s` in the active journal, if `s` is older than the call (else null). */
export function journalEntry(s: Journaled): JournalEntry | null {
  const j = journals.active;
  if (j === null || s.id >= j.mark) return null;
  let e = j.entries.get(s);
  if (e === undefined) j.entries.set(s, (e = { ...s.journalState(), host: null, gpuWritten: false }));
  return e;
}

/** Open a journal for a call; returns the one it replaces (hand it to close/rollback). */
export function openJournal(mark: number): Journal | null {
  const outer = journals.active;
  journals.active = { mark, entries: new Map() };
  return outer;
}

/** The call finished: its entries join the outer call's journal (the outer one may still roll back). */
export function closeJournal(outer: Journal | null): void {
  const inner = journals.active;
  journals.active = outer;
  if (inner === null || outer === null) return;
  for (const [s, e] of inner.entries) {
    if (s.id >= outer.mark) continue;
    const o = outer.entries.get(s);
    if (o === undefined) outer.entries.set(s, e);
    else o.gpuWritten ||= e.gpuWritten;
  }
}

/** Undo the call's writes to older storages; false when one cannot be undone (its values were
 * only on the GPU before the call and a kernel overwrote them). */
export function rollbackJournal(outer: Journal | null): boolean {
  const inner = journals.active;
  journals.active = outer;
  if (inner === null) return true;
  let ok = true;
  for (const [s, e] of inner.entries) {
    if (e.gpuWritten && !e.hostValid) ok = false;
    else s.restoreFromJournal(e);
  }
  return ok;
}
