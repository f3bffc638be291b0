// How components reach the store: one store per page, handed down through React context (as
// React Flow does), read with selector hooks so a component re-renders only when its slice changes.
// Derived views of the report that several components need (the selected call, the module picture
// the tree shows) live here too, so every component derives them the same way.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { CallRecord, ModuleSnapshot, RunReport } from '../run/report';
import type { LabState, LabStore, SnapshotWhen } from './store';

export const LabContext = createContext<LabStore | null>(null);

/** The store object itself (for actions and getState in event handlers). */
export function useLabApi(): LabStore {
  const s = useContext(LabContext);
  if (!s) throw new Error('useLab* used outside <LabContext.Provider>');
  return s;
}

/** Read a slice of the store; re-renders when that slice changes (Object.is). */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabApi(), selector);
}

/** The selected functional_call of the last report, if any. */
export function selectedCallOf(s: Pick<LabState, 'report' | 'selectedCall'>): CallRecord | null {
  return s.report?.calls[s.selectedCall] ?? null;
}

export const useSelectedCall = (): CallRecord | null => useLab(selectedCallOf);

/** The module picture the tree shows: the selected call's module at entry/exit, or at the end. */
export function treeSnapshotOf(report: RunReport | null, call: CallRecord | null, when: SnapshotWhen): ModuleSnapshot | null {
  if (!report) return null;
  if (call) {
    const w = when === 'end' ? 'end' : `call ${call.index} ${when}`;
    const byWhen = report.modules.find((m) => m.when === w && (w !== 'end' || m.root.moduleId === call.moduleId));
    if (byWhen) return byWhen;
    return report.modules.find((m) => m.when === `call ${call.index} entry`) ?? null;
  }
  return report.modules.find((m) => m.when === 'end') ?? null;
}
