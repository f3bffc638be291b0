// The page-wide keys shared by the playground and the embed view: the theme on <html>, Ctrl/Cmd+
// Enter runs, Escape stops a running script (where the view offers stopping).

import { useEffect } from 'react';
import { useLab, useLabApi } from '../store/hooks';

export function usePageKeys({ escapeStops }: { escapeStops: boolean }): void {
  const theme = useLab((s) => s.theme);
  const api = useLabApi();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The editor runs on its own Mod-Enter and marks the event handled: do not run twice
      // (a second run would cancel the first, and cancelling restarts the worker).
      if (e.defaultPrevented) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        api.getState().runNow();
      } else if (escapeStops && e.key === 'Escape' && api.getState().run.status === 'running') {
        api.getState().cancelRun();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, escapeStops]);
}
