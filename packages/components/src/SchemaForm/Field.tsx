import { memo, useContext, useRef, useSyncExternalStore } from 'react';
import { Icon } from '../internal/Icon';
import { inlineMarkdown } from '../internal/inlineMarkdown';
import { FormErrorsContext, useFormContext, type Widget } from './FormContext';
import { getIn, initialValue, pathKey } from './formValue';
import type { FieldPath, ParsedField } from './parseSchema';

export interface FieldProps {
  field: ParsedField;
  path: FieldPath;
  /** Replaces the field's label (array items: "Images 2"). */
  label?: string | undefined;
  /** Keeps the label for assistive technology only (array items of a single control). */
  hideLabel?: boolean | undefined;
}

/**
 * One field: label, hints, description, the widget from the table, and the field's errors. It reads
 * its value and errors from the form's store, and renders again only when they (or its props) change.
 */
export const Field = memo(FieldOf, (a, b) => {
  return (
    a.field === b.field &&
    a.label === b.label &&
    a.hideLabel === b.hideLabel &&
    pathKey(a.path) === pathKey(b.path)
  );
});

function FieldOf({ field, path, label = field.label, hideLabel }: FieldProps) {
  // The value before "No value" was pressed.
  const typed = useRef<unknown>(undefined);
  const ctx = useFormContext();
  const { store } = ctx;
  // The same object until an edit reaches it: the value is copied only along the edited path. The
  // same snapshot serves server rendering.
  const snapshot = () => getIn(store.value(), path);
  const value = useSyncExternalStore(store.subscribe, snapshot, snapshot);
  const errors = useContext(FormErrorsContext).get(pathKey(path)) ?? '';
  const isItem = typeof path[path.length - 1] === 'number';
  const named = isItem ? undefined : (ctx.widgets[path.join('.')] ?? ctx.widgets[field.name]);
  const Widget: Widget = named ?? ctx.widgets[field.kind] ?? (ctx.defaults[field.kind] as Widget);
  const group = typeof Widget.group === 'function' ? Widget.group(field) : Boolean(Widget.group);
  const id = `${ctx.idPrefix}${path.join('-').replace(/[^\w-]/g, '_')}`;
  const ids = {
    label: `${id}-label`,
    description: field.description && `${id}-description`,
    hint: field.hint && `${id}-hint`,
    deprecated: field.deprecated && !isItem && `${id}-deprecated`,
    error: errors !== '' && `${id}-error`,
  };
  const describedBy =
    [ids.deprecated, ids.description, ids.hint, ids.error].filter(Boolean).join(' ') || undefined;
  const LabelTag = group ? 'span' : 'label';
  return (
    <div
      data-slot="form-field"
      data-kind={field.kind}
      data-invalid={errors ? '' : undefined}
      data-label-hidden={hideLabel ? '' : undefined}
      data-deprecated={field.deprecated ? '' : undefined}
    >
      <div data-slot="form-field-header">
        <LabelTag
          id={ids.label}
          htmlFor={group ? undefined : id}
          data-slot="form-label"
          className={hideLabel ? 'pk-sr-only' : undefined}
        >
          {label}
          {field.required && !isItem && (
            <span data-slot="required-mark" aria-hidden="true">
              *
            </span>
          )}
        </LabelTag>
        {field.deprecated && !isItem && (
          <span id={ids.deprecated || undefined} data-slot="form-deprecated">
            Deprecated
          </span>
        )}
        {field.hint && !hideLabel && (
          <span id={ids.hint || undefined} data-slot="form-hint">
            {field.hint}
          </span>
        )}
        {field.nullable && (
          <button
            type="button"
            data-slot="null-toggle"
            aria-pressed={value === null}
            aria-label={`No value for ${label} (send null)`}
            disabled={ctx.disabled}
            onClick={() => {
              if (value !== null) {
                // Kept, so that pressing it again gives back what was typed.
                typed.current = value;
                ctx.setAt(path, null);
                return;
              }
              const back = typed.current === undefined ? initialValue(field) : typed.current;
              ctx.setAt(path, back === null ? undefined : back);
            }}
          >
            No value
          </button>
        )}
      </div>
      {field.description && !hideLabel && (
        <p id={ids.description || undefined} data-slot="form-description">
          {/* Model descriptions are often Markdown (Replicate shows them so): links and code read as such. */}
          {inlineMarkdown(field.description, 'd')}
        </p>
      )}
      <Widget
        field={field}
        path={path}
        id={id}
        labelId={ids.label}
        label={label}
        value={value}
        onChange={(next) => ctx.setAt(path, next)}
        onBlur={() => ctx.blurAt(path)}
        disabled={ctx.disabled || field.readOnly}
        invalid={errors !== ''}
        describedBy={hideLabel ? ids.error || undefined : describedBy}
      />
      {errors && (
        <p id={ids.error || undefined} data-slot="form-error">
          <Icon name="alert" />
          {errors}
        </p>
      )}
    </div>
  );
}
