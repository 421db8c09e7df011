import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from '../app/Link';
import {
  appApiBase,
  checkApiBase,
  localApiBase,
  SERVICES,
  type Service,
  saveSettings,
  serviceLabel,
  type Theme,
  useSettings,
} from '../app/settings';
import { useDocumentTitle } from '../app/useDocumentTitle';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** How to reach each hosted service: through a proxy on this page's origin, which holds the token. */
const HOSTED: Record<Service, ReactNode> = {
  wriftai: (
    <>
      To use the hosted WriftAI service, start the playground with the token-holding proxy in front of it:{' '}
      <code>WRIFTAI_ACCESS_TOKEN=… bash scripts/start.sh --upstream https://api.wrift.ai/v1</code>, and keep{' '}
      <code>/v1</code>.
    </>
  ),
  replicate: (
    <>
      To use Replicate’s hosted API, start the playground with the token-holding proxy in front of it:{' '}
      <code>
        REPLICATE_API_TOKEN=… bash scripts/start.sh --replicate-upstream https://api.replicate.com/v1
      </code>
      , and keep <code>/replicate/v1</code>.
    </>
  ),
};

export function SettingsPage() {
  useDocumentTitle('Settings');
  const settings = useSettings();
  const [switched, setSwitched] = useState(false);
  const statusId = useId();
  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <fieldset className="card service-picker">
        <legend>Service</legend>
        <p className="hint">
          The API this playground speaks. The local server has both, with the same demo models and one list of
          predictions.
        </p>
        <div className="radios">
          {SERVICES.map((service) => (
            <label key={service.value} className="radio">
              <input
                type="radio"
                name="service"
                value={service.value}
                checked={settings.service === service.value}
                onChange={() => {
                  saveSettings({ service: service.value });
                  setSwitched(true);
                }}
              />
              {service.label}
            </label>
          ))}
        </div>
        <p id={statusId} role="status" className="saved">
          {switched
            ? `Now using ${serviceLabel(settings.service)} at ${settings.apiBases[settings.service]}.`
            : ''}
        </p>
      </fieldset>
      <WeaveSetting />
      {/* Each service keeps its own target: switching shows that one's, with nothing half-typed carried over. */}
      <ApiTargetForm key={settings.service} service={settings.service} />
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

function WeaveSetting() {
  const settings = useSettings();
  const ids = { hint: useId(), status: useId() };
  const [changed, setChanged] = useState(false);
  return (
    <fieldset className="card weave-setting">
      <legend>Weave</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.weave}
          aria-describedby={ids.hint}
          onChange={(event) => {
            saveSettings({ weave: event.target.checked });
            setChanged(true);
          }}
        />
        Log predictions and feedback to Weave
      </label>
      <p id={ids.hint} className="hint">
        The playground then reaches the API through its own server (
        <code>{appApiBase(settings.service)}</code>), whose proxy records each finished prediction, and the
        feedback you give on it, in W&amp;B Weave: the local server’s Weave surface, or W&amp;B’s when that
        server has <code>WANDB_API_KEY</code> and <code>WEAVE_PROJECT</code>. The key stays there. While this
        is on, the API target below is not used, and the history shows the predictions made through that
        server. <Link to="/evaluations">Evaluations</Link> are recorded there too.
      </p>
      <p id={ids.status} role="status" className="saved">
        {changed ? (settings.weave ? 'Logging to Weave.' : 'Not logging to Weave.') : ''}
      </p>
    </fieldset>
  );
}

function ApiTargetForm({ service }: { service: Service }) {
  const settings = useSettings();
  const [apiBase, setApiBase] = useState(settings.apiBases[service]);
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const ids = { api: useId(), hint: useId(), error: useId(), title: useId() };
  const local = localApiBase(service);
  const label = serviceLabel(service);

  const save = (value: string) => {
    saveSettings({ apiBases: { ...settings.apiBases, [service]: value } });
    setSaved(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reason = checkApiBase(apiBase, service);
    setProblem(reason);
    setSaved(false);
    if (!reason) save(apiBase.trim());
  };

  return (
    <form className="card settings-form" onSubmit={submit} noValidate aria-labelledby={ids.title}>
      <h2 id={ids.title}>{label} API target</h2>
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
        <code>{local}</code> is the {label} API of the local server this playground was started with.{' '}
        {HOSTED[service]} The token stays in that server process, and the browser never sees or stores one.
        The proxy tells visitors apart by a cookie, which this page’s requests carry only on its own origin:
        keep such an API on a path of this site.
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
            setApiBase(local);
            setProblem(undefined);
            save(local);
          }}
        >
          Use the local server
        </button>
        <span role="status" className="saved">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
