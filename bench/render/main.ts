// First, so react-dom finds the hook when it loads.
import './devtoolsHook';
import '@predictkit/components/styles.css';
import type { BenchApi, Scenario } from './api';

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

const pages: Record<Scenario, () => Promise<{ api: BenchApi }>> = {
  list: () => import('./list'),
  'schema-form': () => import('./schemaForm'),
  rjsf: () => import('./rjsf'),
  output: () => import('./output'),
};

const scenario = new URLSearchParams(location.search).get('scenario') as Scenario;
const load = pages[scenario];
if (!load) throw new Error(`unknown scenario ${scenario}`);
window.bench = (await load()).api;
