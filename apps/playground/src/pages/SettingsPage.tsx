import { type FormEvent, useId, useState } from 'react';
import { checkApiBase, DEFAULT_SETTINGS, saveSettings, type Theme, useSettings } from '../app/settings';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage() {
  const settings = useSettings();
  const [apiBase, setApiBase] = useState(settings.apiBase);
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const ids = { api: useId(), hint: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reason = checkApiBase(apiBase);
    setProblem(reason);
    setSaved(!reason);
    if (!reason) saveSettings({ apiBase: apiBase.trim() });
  };

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <form className="card settings-form" onSubmit={submit} noValidate>
        <h2>API target</h2>
        <label htmlFor={ids.api}>API base URL</label>
        <input
          id={ids.api}
          value={apiBase}
          onChange={(event) => {
            setApiBase(event.target.value);
            setSaved(false);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids.hint} ${ids.error}` : ids.hint}
          spellCheck={false}
        />
        <p id={ids.hint} className="hint">
          <code>/v1</code> is the local server this playground was started with. To use the hosted WriftAI
          service, run{' '}
          <code>WRIFTAI_ACCESS_TOKEN=… pnpm server -- --port 8788 --upstream https://api.wrift.ai/v1</code>{' '}
          and enter <code>http://127.0.0.1:8788/v1</code>: the token stays in that server process. The browser
          never sees or stores a token.
        </p>
        {problem && (
          <p id={ids.error} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Save
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setApiBase(DEFAULT_SETTINGS.apiBase);
              setProblem(undefined);
              saveSettings({ apiBase: DEFAULT_SETTINGS.apiBase });
              setSaved(true);
            }}
          >
            Use the local server
          </button>
          <span role="status" className="saved">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      </form>
      <fieldset className="card theme-picker">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={theme.value}
              checked={settings.theme === theme.value}
              onChange={() => saveSettings({ theme: theme.value })}
            />
            {theme.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
