import type { ReactNode } from 'react';
import { ConnectionBanner } from './ConnectionBanner';
import { Link } from './Link';
import { RouteAnnouncer } from './RouteAnnouncer';
import { useLocation } from './router';
import { serviceLabel, useSettings } from './settings';

const NAV = [
  { to: '/', label: 'Models', match: (p: string) => p === '/' || p.startsWith('/models/') },
  { to: '/predictions', label: 'Predictions', match: (p: string) => p.startsWith('/predictions') },
  { to: '/evaluations', label: 'Evaluations', match: (p: string) => p === '/evaluations' },
  { to: '/settings', label: 'Settings', match: (p: string) => p === '/settings' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const { service } = useSettings();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        {/* Named by its visible text, as voice control users say it; it is the first link, home, as usual. */}
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          PredictKit <span className="brand-sub">Playground</span>
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.match(pathname) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link
          to="/settings"
          className="service-tag"
          aria-label={`${serviceLabel(service)} API: change in Settings`}
        >
          {serviceLabel(service)} API
        </Link>
      </header>
      <ConnectionBanner />
      <RouteAnnouncer />
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
