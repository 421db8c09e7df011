import { type ValidationIssueWire, wriftai } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { issuesFromValidationDetail } from './issuesFromValidationDetail';

describe('issuesFromValidationDetail', () => {
  it('maps loc ["body", "input", …] to a path relative to the input', () => {
    const detail: ValidationIssueWire[] = [
      {
        loc: ['body', 'input', 'width'],
        msg: 'Input should be less than or equal to 1024',
        type: 'less_than_equal',
      },
      { loc: ['body', 'input', 'images', 2], msg: 'Invalid URL', type: 'url_parsing' },
      { loc: ['body', 'input', 'prompt'], msg: 'Field required', type: 'missing' },
    ];
    expect(issuesFromValidationDetail(detail)).toEqual([
      { path: ['width'], message: 'Input should be less than or equal to 1024' },
      { path: ['images', 2], message: 'Invalid URL' },
      { path: ['prompt'], message: 'Field required' },
    ]);
  });

  it('keeps every other loc whole, as core does: only "body" then "input" is the input', () => {
    expect(
      issuesFromValidationDetail([
        { loc: ['body', 'input'], msg: 'Input should be an object', type: 'dict_type' },
        { loc: ['body', 'model'], msg: 'Unknown model', type: 'value_error' },
        { loc: ['input', 'seed'], msg: 'Bad seed', type: 'int_type' },
        { loc: ['query', 'wait'], msg: 'Not a number', type: 'int_parsing' },
      ]),
    ).toEqual([
      { path: [], message: 'Input should be an object' },
      { path: ['body', 'model'], message: 'Unknown model' },
      { path: ['input', 'seed'], message: 'Bad seed' },
      { path: ['query', 'wait'], message: 'Not a number' },
    ]);
  });

  it('gives the paths and messages of the ValidationError core’s client builds from the answer', () => {
    const detail: ValidationIssueWire[] = [
      { loc: ['body', 'input', 'width'], msg: 'Too wide', type: 'less_than_equal' },
      { loc: ['body', 'input'], msg: 'Input should be an object', type: 'dict_type' },
      { loc: ['body', 'model'], msg: 'Unknown model', type: 'value_error' },
      { loc: ['input', 'seed'], msg: 'Bad seed', type: 'int_type' },
      { loc: ['body'], msg: 'Invalid JSON', type: 'json_invalid' },
      { loc: [], msg: 'Bad request', type: 'value_error' },
    ];
    const core = wriftai.mapError(422, { detail }).issues?.map(({ path, message }) => ({ path, message }));
    expect(issuesFromValidationDetail(detail)).toEqual(core);
  });

  it('reads a string detail as one issue, and anything unreadable as none', () => {
    expect(issuesFromValidationDetail('Prediction not found')).toEqual([
      { path: [], message: 'Prediction not found' },
    ]);
    expect(issuesFromValidationDetail(null)).toEqual([]);
    expect(
      issuesFromValidationDetail([
        { nonsense: true },
        null,
        { loc: 'body.input.width', msg: 42 },
        { loc: ['body', 'input', { key: 'width' }], msg: '' },
      ] as unknown as ValidationIssueWire[]),
    ).toEqual([
      { path: [], message: 'Invalid value' },
      { path: [], message: 'Invalid value' },
      { path: [], message: 'Invalid value' },
    ]);
  });
});
