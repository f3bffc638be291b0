// A short message at the bottom of the page (an inspector edit that could not be made, say). It
// clears itself after a few seconds.

import { useEffect } from 'react';
import { useLab, useLabApi } from '../../store/hooks';

export function Notice() {
  const notice = useLab((s) => s.notice);
  const api = useLabApi();
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => api.getState().setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [notice, api]);
  if (!notice) return null;
  return <div className="notice" role="alert">{notice}</div>;
}
