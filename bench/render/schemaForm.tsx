import { SchemaForm } from '@predictkit/components';
import type { JsonSchema } from '@predictkit/core';
import { benchSchema, type FormApi, textField } from './api';
import { countKeystrokeRenders, keystroke, timeKeystrokes } from './keystrokes';
import { mount } from './root';

let field = '';

export const api: FormApi = {
  async mount(fields) {
    field = textField(fields);
    const schema = benchSchema(fields) as JsonSchema;
    const mountMs = await mount(<SchemaForm schema={schema} />);
    timeKeystrokes();
    return { mountMs, controls: document.querySelectorAll('input, select, textarea').length };
  },
  keystroke,
  countRenders: countKeystrokeRenders,
  textValue: () => (document.querySelector(`input[id$="${field}"]`) as HTMLInputElement).value,
};
