import { ArrayWidget } from './ArrayWidget';
import { FileWidget } from './FileWidget';
import type { Widget } from './FormContext';
import type { FieldKind } from './parseSchema';
import { EnumWidget, JsonWidget, NumberWidget, ObjectWidget, SwitchWidget, TextWidget } from './widgets';

/** The table from a field's kind to its widget. Override entries through `<SchemaForm widgets>`. */
export const defaultWidgets: Record<FieldKind, Widget> = {
  text: TextWidget,
  textarea: TextWidget,
  password: TextWidget,
  number: NumberWidget,
  integer: NumberWidget,
  boolean: SwitchWidget,
  enum: EnumWidget,
  file: FileWidget,
  array: ArrayWidget,
  object: ObjectWidget,
  json: JsonWidget,
};
