import { useState } from 'react';
import { Field } from './Field';
import { useFormContext, type Widget, type WidgetProps } from './FormContext';
import { sameValue } from './validateInput';

/** Attributes every single control of a field shares. */
export function controlProps({ id, disabled, invalid, describedBy, field, onBlur }: WidgetProps) {
  return {
    id,
    disabled,
    onBlur,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
}

/** Text, password, and long text. A value that already has line breaks gets a textarea, so they survive. */
export const TextWidget: Widget = (props) => {
  const { field, value, onChange } = props;
  const text = typeof value === 'string' ? value : value == null ? '' : String(value);
  const shared = {
    ...controlProps(props),
    value: text,
    placeholder: value === null ? 'No value' : undefined,
    readOnly: field.readOnly,
  };
  if (field.kind === 'textarea' || text.includes('\n')) {
    return (
      <textarea
        data-slot="textarea"
        rows={field.kind === 'textarea' ? 4 : 2}
        {...shared}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <input
      data-slot="input"
      type={field.kind === 'password' ? 'password' : (field.inputType ?? 'text')}
      autoComplete={field.kind === 'password' ? 'new-password' : 'off'}
      spellCheck={field.format ? false : undefined}
      {...shared}
      onChange={(e) => onChange(e.target.value)}
    />
  );
};

const toText = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
const parseNumber = (text: string): unknown => {
  const t = text.trim();
  return t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : t;
};
// A slider step that gives about a hundred positions: 0.01 for 0–1, 1 for 0–100.
const niceStep = (span: number) => 10 ** Math.floor(Math.log10(span / 100 || 1));

const MAX_SLIDER_SPAN = 100_000;

/** A number input, with a slider beside it when both bounds are known and close enough to slide between. */
export const NumberWidget: Widget = (props) => {
  const { field, value, onChange, labelId, path } = props;
  const { setParseError } = useFormContext();
  // The text as typed ("1.", "-") is kept apart from the value, so typing is never fought.
  const [draft, setDraft] = useState(() => toText(value));
  const [seen, setSeen] = useState(value);
  if (!sameValue(value, seen)) {
    setSeen(value);
    if (!sameValue(parseNumber(draft), value)) setDraft(toText(value));
  }
  const min = field.minimum ?? field.exclusiveMinimum;
  const max = field.maximum ?? field.exclusiveMaximum;
  // A slider over billions of positions (a 32-bit seed) can't land on a chosen value: number input only.
  const slider = min !== undefined && max !== undefined && max > min && max - min <= MAX_SLIDER_SPAN;
  const step = field.multipleOf ?? (field.kind === 'integer' ? 1 : slider ? niceStep(max - min) : 'any');
  // A bound the value may not take (`exclusiveMinimum`: "greater than 0") is, on the slider, the
  // first multiple of the step inside it (and inside `minimum`, when there is one too): its ends
  // would otherwise offer a value the form refuses.
  const inward = (bound: number | undefined, exclusive: number | undefined, sign: 1 | -1) => {
    if (exclusive === undefined || typeof step !== 'number') return bound ?? exclusive;
    const k = sign > 0 ? Math.floor(exclusive / step + 1e-9) + 1 : Math.ceil(exclusive / step - 1e-9) - 1;
    const inside = Number((k * step).toPrecision(12));
    return bound === undefined ? inside : sign > 0 ? Math.max(bound, inside) : Math.min(bound, inside);
  };
  const low = inward(field.minimum, field.exclusiveMinimum, 1);
  const high = inward(field.maximum, field.exclusiveMaximum, -1);
  const change = (text: string, unreadable = false) => {
    setDraft(text);
    // What the browser cannot read as a number ("1e", "--1") it gives as empty: said on the field,
    // which keeps its last value, rather than sent as if left blank.
    const number = parseNumber(text);
    // A whole number past 2^53 is not kept exactly by JavaScript or JSON readers: a seed typed with
    // 20 digits would be sent rounded, without a word.
    const inexact = field.kind === 'integer' && Number.isInteger(number) && !Number.isSafeInteger(number);
    setParseError(
      path,
      unreadable
        ? 'Enter a number'
        : inexact
          ? 'Too large to send exactly: keep it within ±9,007,199,254,740,991'
          : null,
    );
    if (!unreadable) onChange(number);
  };
  const current =
    typeof value === 'number' ? value : typeof field.default === 'number' ? field.default : undefined;
  return (
    <div data-slot="number-field" data-slider={slider ? '' : undefined}>
      {slider && (
        <input
          data-slot="slider"
          type="range"
          min={low}
          max={high}
          step={step}
          // A range input always shows some value: with none set, its thumb is hidden (CSS, on
          // `data-empty`) and it says so, rather than sitting at the minimum as if that were chosen.
          data-empty={current === undefined ? '' : undefined}
          aria-valuetext={current === undefined ? 'Not set' : undefined}
          value={current ?? low}
          disabled={props.disabled}
          aria-labelledby={labelId}
          aria-describedby={props.describedBy}
          onChange={(e) => change(e.target.value)}
          onBlur={props.onBlur}
        />
      )}
      <input
        data-slot="input"
        type="number"
        inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step}
        placeholder={value === null ? 'No value' : undefined}
        {...controlProps(props)}
        value={draft}
        onChange={(e) => change(e.target.value, e.target.validity.badInput)}
      />
    </div>
  );
};

/** A switch for a boolean. */
export const SwitchWidget: Widget = (props) => (
  <input
    data-slot="switch"
    type="checkbox"
    role="switch"
    aria-checked={props.value === true}
    {...controlProps(props)}
    checked={props.value === true}
    onChange={(e) => props.onChange(e.target.checked)}
  />
);

const RADIO_LIMIT = 4;

/** A radio group for a few options, a select for more. */
export const EnumWidget: Widget = Object.assign(
  (props: WidgetProps) => {
    const { field, value, onChange, id, labelId, disabled, onBlur } = props;
    const options = field.options ?? [];
    const index = options.findIndex((o) => sameValue(o.value, value));
    if (options.length <= RADIO_LIMIT) {
      return (
        <div
          data-slot="radio-group"
          role="radiogroup"
          aria-labelledby={labelId}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
          aria-required={field.required || undefined}
        >
          {options.map((option, i) => (
            <label data-slot="radio" key={JSON.stringify(option.value)}>
              <input
                type="radio"
                id={i === 0 ? id : undefined}
                name={id}
                checked={i === index}
                disabled={disabled}
                onChange={() => onChange(option.value)}
                onBlur={onBlur}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      );
    }
    return (
      <select
        data-slot="select"
        {...controlProps(props)}
        value={index < 0 ? '' : String(index)}
        onChange={(e) => {
          const option = options[Number(e.target.value)];
          onChange(e.target.value === '' || !option ? (value === null ? null : undefined) : option.value);
        }}
      >
        {(index < 0 || !field.required) && <option value="">{field.required ? 'Select…' : '—'}</option>}
        {options.map((option, i) => (
          <option key={JSON.stringify(option.value)} value={i}>
            {option.label}
          </option>
        ))}
      </select>
    );
  },
  { group: (field: { options?: unknown[] }) => (field.options?.length ?? 0) <= RADIO_LIMIT },
);

const toJson = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

/** Anything the table has no widget for: JSON typed into a textarea, with parse errors reported on the field. */
export const JsonWidget: Widget = (props) => {
  const { value, onChange, path } = props;
  const { setParseError } = useFormContext();
  const [text, setText] = useState(() => toJson(value));
  const [seen, setSeen] = useState(value);
  if (!sameValue(value, seen)) {
    setSeen(value);
    setText(toJson(value));
  }
  return (
    <textarea
      data-slot="json-editor"
      spellCheck={false}
      rows={Math.min(12, Math.max(3, text.split('\n').length))}
      placeholder="JSON"
      {...controlProps(props)}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (!next.trim()) {
          setParseError(path, null);
          setSeen(undefined);
          return onChange(undefined);
        }
        try {
          const parsed: unknown = JSON.parse(next);
          setParseError(path, null);
          setSeen(parsed);
          onChange(parsed);
        } catch (error) {
          setParseError(path, `Invalid JSON: ${(error as Error).message}`);
        }
      }}
    />
  );
};

/** A nested object: its fields, grouped under the object's label. */
export const ObjectWidget: Widget = Object.assign(
  ({ field, path, labelId, describedBy }: WidgetProps) => {
    return (
      <fieldset data-slot="object-field" aria-labelledby={labelId} aria-describedby={describedBy}>
        {field.fields?.map((f) => (
          <Field key={f.name} field={f} path={[...path, f.name]} />
        ))}
      </fieldset>
    );
  },
  { group: true },
);
