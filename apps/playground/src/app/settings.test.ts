import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
  vi.resetModules();
});

/** The module afresh, so that it reads what is stored now. */
const load = () => import('./settings');

describe('checkApiBase', () => {
  it.each([
    ['/v1', 'wriftai'],
    ['/replicate/v1', 'replicate'],
    ['http://127.0.0.1:8788/v1', 'wriftai'],
    ['http://127.0.0.1:8788/v1', 'replicate'],
    ['https://example.com/api/predictkit', 'replicate'],
  ] as const)('accepts %s for %s', async (value, service) => {
    const { checkApiBase } = await load();
    expect(checkApiBase(value, service)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)', 'wriftai', /path on this site such as \/v1/],
    ['v1', 'replicate', /path on this site such as \/replicate\/v1/],
    ['https://user:token@example.com/v1', 'wriftai', /without credentials/],
    ['/replicate/v1', 'wriftai', /local server’s Replicate API; WriftAI’s is \/v1/],
    ['/v1/', 'replicate', /local server’s WriftAI API; Replicate’s is \/replicate\/v1/],
  ] as const)('refuses %s for %s', async (value, service, reason) => {
    const { checkApiBase } = await load();
    expect(checkApiBase(value, service)).toMatch(reason);
  });
});

describe('settings', () => {
  it('starts on the local server’s WriftAI API', async () => {
    const { apiBaseOf, getSettings } = await load();
    expect(getSettings()).toEqual({
      service: 'wriftai',
      apiBases: { wriftai: '/v1', replicate: '/replicate/v1' },
      weave: false,
      theme: 'system',
    });
    expect(apiBaseOf(getSettings())).toBe('/v1');
  });

  it('saves the service, each service’s target and the theme, and applies the theme to the page', async () => {
    const { apiBaseOf, getSettings, saveSettings } = await load();
    saveSettings({ apiBases: { wriftai: 'http://127.0.0.1:8788/v1', replicate: '/replicate/v1' } });
    saveSettings({ service: 'replicate', theme: 'dark' });
    expect(getSettings()).toEqual({
      service: 'replicate',
      apiBases: { wriftai: 'http://127.0.0.1:8788/v1', replicate: '/replicate/v1' },
      weave: false,
      theme: 'dark',
    });
    expect(apiBaseOf(getSettings())).toBe('/replicate/v1');
    expect(document.documentElement.dataset.theme).toBe('dark');
    saveSettings({ theme: 'system' });
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);

    vi.resetModules();
    const again = await load();
    expect(again.getSettings()).toEqual({
      service: 'replicate',
      apiBases: { wriftai: 'http://127.0.0.1:8788/v1', replicate: '/replicate/v1' },
      weave: false,
      theme: 'system',
    });
  });

  it('reads a target saved before there was a choice of service as WriftAI’s, and drops what it cannot use', async () => {
    localStorage.setItem(
      'predictkit-playground:settings',
      JSON.stringify({ apiBase: 'http://127.0.0.1:8788/v1', theme: 'dark', service: 'other' }),
    );
    const { getSettings } = await load();
    expect(getSettings()).toEqual({
      service: 'wriftai',
      apiBases: { wriftai: 'http://127.0.0.1:8788/v1', replicate: '/replicate/v1' },
      weave: false,
      theme: 'dark',
    });
  });

  it('makes a same-origin path absolute for the client', async () => {
    const { absoluteApiBase } = await load();
    expect(absoluteApiBase('/replicate/v1/')).toBe(`${window.location.origin}/replicate/v1`);
  });
});
