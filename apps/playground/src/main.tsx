import '@predictkit/components/styles.css';
// the richer output views (label bars, waveforms, before/after) and the code tabs
import '@predictkit/components/views.css';
import './playground.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, getSettings } from './app/settings';

applyTheme(getSettings().theme);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
