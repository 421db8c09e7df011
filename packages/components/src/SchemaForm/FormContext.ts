import { type ComponentType, createContext, useContext } from 'react';
import type { FormStore } from './createFormStore';
import type { FieldPath, ParsedField } from './parseSchema';

/** What every widget gets. A widget renders the control(s) of one field; the label, hints and errors are drawn around it. */
export interface WidgetProps {
  field: ParsedField;
  path: FieldPath;
  /** The id for the main control: the field's `<label htmlFor>` points at it. */
  id: string;
  /** The id of the label element, for `aria-labelledby` on group widgets. */
  labelId: string;
  /** The label's text: the field's, or an array item's own ("Images 2"), for a control's `aria-label`. */
  label: string;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  disabled: boolean;
  invalid: boolean;
  /** Ids of the description, hint and error, for `aria-describedby`. */
  describedBy: string | undefined;
}

/**
 * A widget component. `group` tells the form the widget is a group of controls (a radio group, a list):
 * the form then labels it with a plain element that the widget references through `labelId`.
 */
export type Widget = ComponentType<WidgetProps> & { group?: boolean | ((field: ParsedField) => boolean) };

/** Widget overrides by field path (`"settings.seed"`), field name (`"seed"`), or field kind (`"enum"`), in that order. */
export type WidgetMap = Partial<Record<string, Widget>>;

/** What every field of one form shares. It stays the same object while the form is edited. */
export interface FormContextValue {
  idPrefix: string;
  /** The value, which each field reads its own part of. */
  store: FormStore;
  widgets: WidgetMap;
  defaults: Record<string, Widget>;
  setAt(path: FieldPath, value: unknown): void;
  blurAt(path: FieldPath): void;
  setParseError(path: FieldPath, message: string | null): void;
  disabled: boolean;
  maxFileSize?: number;
  uploadFile?: (file: File) => Promise<string>;
}

export const FormContext = createContext<FormContextValue | null>(null);

/**
 * The errors on show, by `pathKey`, joined (`"Must be at least 1 · Must be a multiple of 8"`). A context
 * of its own, that changes only when what is shown does: typing into a field does not touch it.
 */
export const FormErrorsContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useFormContext(): FormContextValue {
  const context = useContext(FormContext);
  if (!context) throw new Error('Widgets render inside <SchemaForm>');
  return context;
}
