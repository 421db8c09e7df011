import { useLayoutEffect, useRef } from 'react';
import { Icon } from '../internal/Icon';
import { Field } from './Field';
import type { Widget, WidgetProps } from './FormContext';
import { initialValue } from './formValue';

type Focus = { key: number; action: 'up' | 'down' | 'first' } | { key: -1; action: 'add' };

/** A list: add, remove, and move items up or down; each item is a field of the item's kind. */
export const ArrayWidget: Widget = Object.assign(
  ({ field, path, value, onChange, labelId, describedBy, disabled }: WidgetProps) => {
    const items = Array.isArray(value) ? value : [];
    const item = field.item;
    // Stable keys per item, so a moved item keeps its DOM nodes (and the keyboard focus on its button).
    const keys = useRef<number[]>([]);
    const next = useRef(0);
    while (keys.current.length < items.length) keys.current.push(next.current++);
    keys.current.length = items.length;
    const list = useRef<HTMLFieldSetElement>(null);
    const focus = useRef<Focus | null>(null);
    useLayoutEffect(() => {
      const want = focus.current;
      focus.current = null;
      const root = list.current;
      if (!want || !root) return;
      if (want.action === 'add') return root.querySelector<HTMLElement>('[data-slot=array-add]')?.focus();
      const row = root.querySelector(`[data-key="${want.key}"]`);
      const target =
        want.action === 'first'
          ? row?.querySelector<HTMLElement>('input,select,textarea,button')
          : (row?.querySelector<HTMLButtonElement>(`[data-action=${want.action}]:not(:disabled)`) ??
            row?.querySelector<HTMLButtonElement>('[data-action]:not(:disabled)'));
      target?.focus();
    });
    if (!item) return null;
    const min = field.minItems ?? 0;
    const max = field.maxItems ?? Number.POSITIVE_INFINITY;
    const move = (from: number, to: number) => {
      const copy = [...items];
      const k = [...keys.current];
      [copy[from], copy[to]] = [copy[to], copy[from]];
      [k[from], k[to]] = [k[to] as number, k[from] as number];
      keys.current = k;
      focus.current = { key: k[to] as number, action: to < from ? 'up' : 'down' };
      onChange(copy);
    };
    const add = () => {
      const key = next.current++;
      keys.current = [...keys.current, key];
      focus.current = { key, action: 'first' };
      onChange([...items, initialValue(item) ?? (item.kind === 'object' ? {} : undefined)]);
    };
    const remove = (i: number) => {
      keys.current = keys.current.filter((_, j) => j !== i);
      const neighbour = keys.current[Math.min(i, keys.current.length - 1)];
      focus.current =
        neighbour === undefined ? { key: -1, action: 'add' } : { key: neighbour, action: 'first' };
      onChange(items.filter((_, j) => j !== i));
    };
    const composite = item.kind === 'object' || item.kind === 'array';
    return (
      <fieldset data-slot="array-field" aria-labelledby={labelId} aria-describedby={describedBy} ref={list}>
        {items.length > 0 ? (
          <ol data-slot="array-items">
            {items.map((_, i) => {
              const label = `${field.label} ${i + 1}`;
              const key = keys.current[i] as number;
              return (
                <li key={key} data-key={key} data-slot="array-item">
                  <Field field={item} path={[...path, i]} label={label} hideLabel={!composite} />
                  <div data-slot="array-item-actions">
                    <button
                      type="button"
                      data-slot="icon-button"
                      data-action="up"
                      aria-label={`Move ${label} up`}
                      disabled={disabled || i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      <Icon name="up" />
                    </button>
                    <button
                      type="button"
                      data-slot="icon-button"
                      data-action="down"
                      aria-label={`Move ${label} down`}
                      disabled={disabled || i === items.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      <Icon name="down" />
                    </button>
                    <button
                      type="button"
                      data-slot="icon-button"
                      data-action="remove"
                      aria-label={`Remove ${label}`}
                      disabled={disabled || items.length <= min}
                      onClick={() => remove(i)}
                    >
                      <Icon name="trash" />
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        ) : (
          <p data-slot="array-empty">No items yet.</p>
        )}
        <button
          type="button"
          data-slot="array-add"
          data-variant="outline"
          disabled={disabled || items.length >= max}
          onClick={add}
        >
          <Icon name="plus" />
          Add {field.label.toLowerCase()}
        </button>
      </fieldset>
    );
  },
  { group: true },
);
