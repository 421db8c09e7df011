import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'gallery' }],
    ['/models/predictkit/echo', { name: 'model', owner: 'predictkit', model: 'echo' }],
    ['/models/predictkit', { name: 'not-found' }],
    ['/predictions', { name: 'history' }],
    ['/predictions/abc-123', { name: 'prediction', id: 'abc-123' }],
    ['/settings', { name: 'settings' }],
    ['/settings/more', { name: 'not-found' }],
    ['/models/a%20b/c', { name: 'model', owner: 'a b', model: 'c' }],
  ])('%s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });
});
