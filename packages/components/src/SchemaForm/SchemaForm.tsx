import type { JsonSchema } from '@predictkit/core';
import {
  type FormEvent,
  type FormHTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { createFormStore, type FormStore } from './createFormStore';
import { defaultWidgets } from './defaultWidgets';
import { Field } from './Field';
import { FormContext, type FormContextValue, FormErrorsContext, type WidgetMap } from './FormContext';
import {
  defaultValues,
  type FormValue,
  getIn,
  mergeValues,
  pathKey,
  setIn,
  startsWith,
  toSubmitValue,
} from './formValue';
import { type FieldPath, type ParsedField, parseSchema } from './parseSchema';
import { SchemaError } from './SchemaError';
import { type FieldIssue, validateInput } from './validateInput';
import type { SchemaValidator } from './zodValidator';

const EMPTY_ROW = 'Empty: fill it in or remove it';

export interface SchemaFormProps
  extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'onChange' | 'defaultValue' | 'children'> {
  /** The input JSON Schema: an object schema, as a model version's `schemas.prediction.input`. */
  schema: JsonSchema;
  /** The input, for a controlled form (with `onChange`). */
  value?: FormValue | undefined;
  /** The first input of an uncontrolled form, over the schema's defaults. */
  defaultValue?: FormValue | undefined;
  onChange?: ((value: FormValue) => void) | undefined;
  /**
   * Called with the cleaned input (empty optional fields left out, numbers as numbers) once it
   * validates; a promise it returns is awaited. What it returns is not used, so `create` from
   * `useCreatePrediction` fits as it is.
   */
  onSubmit?: ((value: FormValue) => unknown) | undefined;
  /** An extra validator, run after the built-in one passes (e.g. `zodValidator()`). */
  validate?: SchemaValidator | undefined;
  /**
   * Issues from elsewhere, e.g. a `ValidationError`'s `issues` (or a raw 422's body through
   * `issuesFromErrorBody`); shown until the field is edited.
   */
  issues?: readonly FieldIssue[] | undefined;
  /** Widget overrides by field path, name, or kind. */
  widgets?: WidgetMap | undefined;
  disabled?: boolean | undefined;
  /** A run is in flight: the submit button shows it and further submits wait. */
  submitting?: boolean | undefined;
  submitLabel?: ReactNode;
  /** Show the button that puts the schema's defaults back. */
  showReset?: boolean | undefined;
  /** More buttons beside the submit button (e.g. Cancel). */
  actions?: ReactNode;
  /** The largest file a file field takes, in bytes. */
  maxFileSize?: number | undefined;
  /** Uploads a chosen file and returns its URL; without it files are sent inline as `data:` URIs. */
  uploadFile?: ((file: File) => Promise<string>) | undefined;
}

type Parsed = { schema: JsonSchema; fields: ParsedField[] } | { error: SchemaError };

function read(json: string | undefined | Error): Parsed {
  if (json instanceof Error) return { error: new SchemaError(`The schema is not JSON: ${json.message}`) };
  try {
    const schema = json === undefined ? undefined : JSON.parse(json);
    return { schema, fields: parseSchema(schema) };
  } catch (error) {
    if (error instanceof SchemaError) return { error };
    throw error;
  }
}

/**
 * A form generated from a JSON Schema. The schema is parsed once into fields, each drawn by a widget
 * from a table keyed by the field's kind. A schema that cannot become a form shows what is wrong with it.
 */
export function SchemaForm({ schema, ...props }: SchemaFormProps) {
  // Compared as JSON, so a schema written inline (a new object each render) is not parsed again.
  const json = useMemo(() => {
    try {
      return JSON.stringify(schema);
    } catch (error) {
      return error as Error;
    }
  }, [schema]);
  const parsed = useMemo(() => read(json), [json]);
  if ('error' in parsed) {
    return (
      <div role="alert" data-slot="schema-error" className={cx('pk', props.className)}>
        <Icon name="alert" />
        <div>
          <strong>This input schema cannot be shown as a form</strong>
          <p>{parsed.error.message}</p>
        </div>
      </div>
    );
  }
  return <Form {...props} schema={parsed.schema} fields={parsed.fields} />;
}

/** Whether an issue's path points at a field that is on screen. */
function hasField(fields: readonly ParsedField[], value: unknown, path: FieldPath): boolean {
  let list: readonly ParsedField[] | undefined = fields;
  let field: ParsedField | undefined;
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number' || /^\d+$/.test(key)) {
      const items = getIn(value, path.slice(0, i));
      if (field?.kind !== 'array' || !Array.isArray(items) || Number(key) >= items.length) return false;
      field = field.item;
    } else {
      field = list?.find((f) => f.name === key);
    }
    list = field?.fields;
    if (!field) return false;
  }
  return path.length > 0;
}

const sameEntries = (a: WidgetMap | undefined, b: WidgetMap | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    Object.keys(a).length === Object.keys(b).length &&
    Object.keys(a).every((key) => a[key] === b[key]));

/** The issues on show that match no field on screen (which depends on the value: a list may have shrunk). */
function FormSummary({
  store,
  fields,
  shown,
}: {
  store: FormStore;
  fields: readonly ParsedField[];
  shown: readonly FieldIssue[];
}) {
  // A string, so that typing re-renders the summary only when what it lists changes. The same
  // snapshot serves server rendering, where the form's value is its first one.
  const snapshot = () => JSON.stringify(shown.filter((i) => !hasField(fields, store.value(), i.path)));
  const key = useSyncExternalStore(store.subscribe, snapshot, snapshot);
  const orphans = useMemo(() => JSON.parse(key) as FieldIssue[], [key]);
  if (!orphans.length) return null;
  return (
    <div data-slot="form-summary" role="alert" tabIndex={-1}>
      <Icon name="alert" />
      <ul>
        {orphans.map((issue) => (
          <li key={`${pathKey(issue.path)}:${issue.message}`}>
            {issue.path.length > 0 && <code>{issue.path.join('.')}</code>} {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Form({
  schema,
  fields,
  value: controlled,
  defaultValue,
  onChange,
  onSubmit,
  validate,
  issues,
  widgets,
  disabled = false,
  submitting = false,
  submitLabel = 'Run',
  showReset = true,
  actions,
  maxFileSize,
  uploadFile,
  className,
  onKeyDown,
  onPointerDown,
  ...rest
}: Omit<SchemaFormProps, 'schema'> & { schema: JsonSchema; fields: ParsedField[] }) {
  const idPrefix = useId();
  const isControlled = controlled !== undefined;
  const [store] = useState(() =>
    createFormStore(isControlled ? controlled : mergeValues(fields, defaultValues(fields), defaultValue)),
  );
  const [clientIssues, setClientIssues] = useState<FieldIssue[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const [generation, setGeneration] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const [validating, setValidating] = useState(false);
  const [mac, setMac] = useState(false);
  const parseErrors = useRef(new Map<string, FieldIssue>());
  const formRef = useRef<HTMLFormElement>(null);
  // The fields a press inside the form took the focus from, checked once the press is over.
  const pressed = useRef<FieldPath[] | null>(null);
  // The fields read the value from the store; a controlled value is taken here and told after the commit.
  if (isControlled) store.set(controlled, false);

  // Another schema: its defaults, keeping what was typed into fields of the same name.
  const [seenFields, setSeenFields] = useState(fields);
  if (seenFields !== fields) {
    setSeenFields(fields);
    setGeneration((g) => g + 1);
    if (!isControlled) {
      const old = store.value();
      const kept = Object.fromEntries(fields.filter((f) => f.name in old).map((f) => [f.name, old[f.name]]));
      store.set({ ...defaultValues(fields), ...kept }, false);
    }
  }
  useLayoutEffect(() => store.flush());
  // New issues from outside: show them all, and take the reader to the first. Compared by content, so
  // an array rebuilt on every render (issuesFromErrorBody inline) is not news each time.
  const issuesKey = JSON.stringify(issues ?? []);
  const [seenIssues, setSeenIssues] = useState('[]');
  if (seenIssues !== issuesKey) {
    setSeenIssues(issuesKey);
    setDismissed(new Set());
    if (issues?.length) setFocusRequest((n) => n + 1);
  }

  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform)), []);
  useEffect(() => {
    if (!focusRequest) return;
    // The first field in error (or the summary of issues that have no field), then its invalid control,
    // else its first control: a slider beside a number input is not where the error is.
    const field = formRef.current?.querySelector<HTMLElement>('[data-invalid], [data-slot=form-summary]');
    const target = field?.matches('[data-slot=form-summary]')
      ? field
      : (field?.querySelector<HTMLElement>(':is(input,select,textarea)[aria-invalid=true]:not(:disabled)') ??
        field?.querySelector<HTMLElement>(
          ':is(input,select,textarea,button):not(:disabled,[data-slot=null-toggle])',
        ));
    target?.focus();
  }, [focusRequest]);

  const setValue = (next: FormValue) => {
    // A controlled form shows `value` as its owner passes it back; the next edit builds on this one.
    store.set(next, !isControlled);
    onChange?.(next);
  };
  /** The issues under `path`. */
  const check = (current: FormValue, path: FieldPath) => {
    const input = toSubmitValue(fields, current);
    return [
      ...[...parseErrors.current.values()].filter((i) => startsWith(i.path, path)),
      ...validateInput(fields, input)
        .filter((i) => startsWith(i.path, path))
        // A list's empty row is sent as `null`, which the validator can only call the wrong type.
        .map((i) =>
          typeof i.path.at(-1) === 'number' && getIn(input, i.path) === null
            ? { ...i, type: 'missing', message: EMPTY_ROW }
            : i,
        ),
    ];
  };
  const revalidate = (path: FieldPath, current: FormValue, blur?: boolean) => {
    const found = check(current, path);
    setClientIssues((old) => {
      // A blur does not call a list's empty row wrong before a submit has: it may be left for the next Add.
      const shown = new Set(old.map((i) => pathKey(i.path)));
      const kept = blur ? found.filter((i) => i.message !== EMPTY_ROW || shown.has(pathKey(i.path))) : found;
      return [...old.filter((i) => !startsWith(i.path, path)), ...kept];
    });
  };
  const serverIssues = (issues ?? []).filter((i) => !dismissed.has(pathKey(i.path)));
  const shown = [...clientIssues, ...serverIssues];
  const byPath = new Map<string, string[]>();
  for (const issue of shown) {
    const key = pathKey(issue.path);
    const list = byPath.get(key) ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    byPath.set(key, list);
  }
  // Compared by content, so re-checking a field that stays wrong the same way re-renders nothing.
  const errorsKey = JSON.stringify([...byPath].map(([key, list]) => [key, list.join(' · ')]));
  const errors = useMemo(() => new Map<string, string>(JSON.parse(errorsKey)), [errorsKey]);

  // The handlers read the render's state through a ref, so the context stays one object while typing.
  const live = { issues, dismissed, clientIssues, setValue, revalidate, uploadFile };
  const liveRef = useRef(live);
  liveRef.current = live;
  // A map written inline (`widgets={{ seed: SeedWidget }}`) is a new object each render: the same
  // entries keep the one before, so the context does not change and the fields are not all drawn again.
  const widgetsRef = useRef(widgets);
  if (!sameEntries(widgetsRef.current, widgets)) widgetsRef.current = widgets;
  const stableWidgets = widgetsRef.current;
  const uploads = uploadFile !== undefined;
  const context = useMemo<FormContextValue>(
    () => ({
      idPrefix,
      store,
      widgets: stableWidgets ?? {},
      defaults: defaultWidgets,
      disabled,
      maxFileSize,
      // Read when a file is chosen, so an inline function does not change the context either.
      uploadFile: uploads
        ? (file: File) => (liveRef.current.uploadFile as (file: File) => Promise<string>)(file)
        : undefined,
      setAt(path, next) {
        const { issues, dismissed, clientIssues, setValue, revalidate } = liveRef.current;
        const current = setIn(store.value(), path, next) as FormValue;
        setValue(current);
        const edited = (issues ?? []).filter((i) => startsWith(i.path, path)).map((i) => pathKey(i.path));
        if (edited.some((k) => !dismissed.has(k))) setDismissed((old) => new Set([...old, ...edited]));
        // Once a field has shown an error, it is checked again as it is edited, so the error leaves when fixed.
        if (clientIssues.some((i) => startsWith(i.path, path))) revalidate(path, current);
      },
      blurAt(path) {
        const held = pressed.current;
        if (held) held.push(path);
        else liveRef.current.revalidate(path, store.value(), true);
      },
      setParseError(path, message) {
        if (message) parseErrors.current.set(pathKey(path), { path, message });
        else parseErrors.current.delete(pathKey(path));
      },
    }),
    [idPrefix, store, stableWidgets, disabled, maxFileSize, uploads],
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (disabled || submitting || validating) return;
    // The press that submits checks every field: the fields it took the focus from wait for nothing.
    pressed.current?.splice(0);
    const input = toSubmitValue(fields, store.value());
    let found = check(store.value(), []);
    if (!found.length && validate) {
      setValidating(true);
      try {
        found = await validate(input, { schema, fields });
      } catch (error) {
        found = [
          { path: [], message: `The input could not be validated: ${(error as Error).message ?? error}` },
        ];
      } finally {
        setValidating(false);
      }
    }
    setClientIssues(found);
    if (found.length) return setFocusRequest((n) => n + 1);
    await onSubmit?.(input);
  };
  const reset = () => {
    // The fields the press on Reset left are reset too: nothing of them is checked.
    pressed.current?.splice(0);
    parseErrors.current.clear();
    setClientIssues([]);
    setDismissed(new Set((issues ?? []).map((i) => pathKey(i.path))));
    setGeneration((g) => g + 1);
    setValue(defaultValues(fields));
  };
  // An error that a blur shows moves what is below it: shown while the pointer is still down on Run,
  // it would move Run from under the pointer, and the click would be lost. So a field the press took
  // the focus from is checked after the click. (A tap blurs the field after its pointer is up, with
  // the mouse events that follow it: the click is what ends it.)
  const pointerDown = (event: PointerEvent<HTMLFormElement>) => {
    onPointerDown?.(event);
    // Not a right click: the context menu may take its release.
    if (pressed.current || event.button !== 0) return;
    const held: FieldPath[] = [];
    pressed.current = held;
    const listening = new AbortController();
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const release = () => {
      listening.abort();
      clearTimeout(fallback);
      // After the click's own handlers (a submit checks every field itself).
      setTimeout(() => {
        if (pressed.current !== held) return;
        pressed.current = null;
        for (const path of held) liveRef.current.revalidate(path, store.value(), true);
      });
    };
    const options = { capture: true, signal: listening.signal };
    window.addEventListener('click', release, options);
    window.addEventListener('pointercancel', release, options);
    // A press released away from where it began makes no click: it ends soon after the release.
    window.addEventListener('pointerup', () => (fallback = setTimeout(release, 500)), options);
  };
  const keyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    onKeyDown?.(event);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };
  const busy = submitting || validating;
  return (
    <form
      ref={formRef}
      noValidate
      data-slot="schema-form"
      data-state={busy ? 'submitting' : undefined}
      aria-busy={busy || undefined}
      className={cx('pk', className)}
      onSubmit={submit}
      onKeyDown={keyDown}
      onPointerDown={pointerDown}
      {...rest}
    >
      <FormContext.Provider value={context}>
        <FormErrorsContext.Provider value={errors}>
          <fieldset data-slot="form-fields" disabled={disabled} key={generation}>
            {fields.map((f) => (
              <Field key={f.name} field={f} path={[f.name]} />
            ))}
            {!fields.length && <p data-slot="form-empty">This model takes no input.</p>}
          </fieldset>
        </FormErrorsContext.Provider>
      </FormContext.Provider>
      <FormSummary store={store} fields={fields} shown={shown} />
      <div data-slot="form-actions">
        {actions}
        {showReset && (
          <button type="button" data-slot="button" data-variant="ghost" onClick={reset} disabled={disabled}>
            Reset
          </button>
        )}
        <button
          type="submit"
          data-slot="button"
          data-variant="primary"
          disabled={disabled || busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {busy && <span data-slot="spinner" aria-hidden="true" />}
          {submitLabel}
          <span data-slot="kbd" aria-hidden="true">
            {mac ? '⌘' : 'Ctrl'} ↵
          </span>
        </button>
      </div>
    </form>
  );
}
