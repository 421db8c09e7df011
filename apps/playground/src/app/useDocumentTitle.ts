import { useEffect } from 'react';

const APP = 'PredictKit Playground';

/**
 * The tab's title for the page on show, most specific first ("Running · text-generator · PredictKit
 * Playground"), so a tab in the background still says how a run is going; screen readers announce it
 * on navigation (see `RouteAnnouncer`).
 */
export function useDocumentTitle(...parts: (string | null | undefined | false)[]): void {
  const title = [...parts.filter((p): p is string => !!p), APP].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
