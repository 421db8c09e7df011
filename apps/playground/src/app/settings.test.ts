import { afterEach, describe, expect, it } from 'vitest';
import { absoluteApiBase, checkApiBase, getSettings, saveSettings } from './settings';

afterEach(() => {
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});

describe('checkApiBase', () => {
  it.each(['/v1', 'http://127.0.0.1:8788/v1', 'https://example.com/api/predictkit'])(
    'accepts %s',
    (value) => {
      expect(checkApiBase(value)).toBeUndefined();
    },
  );

  it.each([
    ['javascript:alert(1)', /path on this site/],
    ['v1', /path on this site/],
    ['https://user:token@example.com/v1', /without credentials/],
  ])('refuses %s', (value, reason) => {
    expect(checkApiBase(value)).toMatch(reason);
  });
});

describe('settings', () => {
  it('saves the target and theme, and applies the theme to the page', () => {
    saveSettings({ apiBase: 'http://127.0.0.1:8788/v1', theme: 'dark' });
    expect(getSettings()).toEqual({ apiBase: 'http://127.0.0.1:8788/v1', theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(JSON.parse(localStorage.getItem('predictkit-playground:settings') ?? '{}')).toEqual({
      apiBase: 'http://127.0.0.1:8788/v1',
      theme: 'dark',
    });
    saveSettings({ theme: 'system' });
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });

  it('makes a same-origin path absolute for the client', () => {
    expect(absoluteApiBase('/v1/')).toBe(`${window.location.origin}/v1`);
  });
});
