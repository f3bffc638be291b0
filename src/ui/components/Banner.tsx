// A message that stays until dismissed, above the panes: why a shared link could not be opened
// (and that the default example is shown instead), or a note about how it was opened.

import { useLab, useLabApi } from '../../store/hooks';

export function Banner() {
  const banner = useLab((s) => s.banner);
  const api = useLabApi();
  if (!banner) return null;
  return (
    <div className={`banner banner-${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'} data-testid="banner">
      <span>{banner.text}</span>
      <button className="btn btn-ghost btn-small" onClick={() => api.getState().setBanner(null)} aria-label="Dismiss the message">✕</button>
    </div>
  );
}
