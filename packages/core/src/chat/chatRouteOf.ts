import type { Provider } from '../provider';

/** The compatibility endpoints of a service, relative to its base URL. */
interface ChatRoutes {
  chatCompletions: string;
  messages: string;
}

// By name, as the catalog's are: WriftAI has them; Replicate has neither.
const BUILT_IN: Record<string, ChatRoutes> = {
  WriftAI: { chatCompletions: '/chat/completions', messages: '/messages' },
};

/** The path of `route` on `provider`'s service; `at` names the operation refused when it has none. */
export function chatRouteOf(at: string, provider: Provider, route: keyof ChatRoutes): string {
  const routes = Object.hasOwn(BUILT_IN, provider.name) ? BUILT_IN[provider.name] : undefined;
  if (!routes) throw new TypeError(`${at}: \`${at}\` is not available on ${provider.name}.`);
  return routes[route];
}
