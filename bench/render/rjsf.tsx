import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { benchSchema, type FormApi, textField } from './api';
import { countKeystrokeRenders, keystroke, timeKeystrokes } from './keystrokes';
import { mount } from './root';

let field = '';

export const api: FormApi = {
  async mount(fields) {
    field = textField(fields);
    const schema = benchSchema(fields) as RJSFSchema;
    const mountMs = await mount(<Form schema={schema} validator={validator} />);
    timeKeystrokes();
    return { mountMs, controls: document.querySelectorAll('input, select, textarea').length };
  },
  keystroke,
  countRenders: countKeystrokeRenders,
  textValue: () => (document.querySelector(`input[id$="${field}"]`) as HTMLInputElement).value,
};
