import type { ValidationIssueWire } from '@predictkit/core';
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

  it('keeps issues outside the input, and the whole input, as their own paths', () => {
    expect(
      issuesFromValidationDetail([
        { loc: ['body', 'input'], msg: 'Input should be an object', type: 'dict_type' },
        { loc: ['body', 'model'], msg: 'Unknown model', type: 'value_error' },
        { loc: ['input', 'seed'], msg: 'Bad seed', type: 'int_type' },
      ]),
    ).toEqual([
      { path: [], message: 'Input should be an object' },
      { path: ['model'], message: 'Unknown model' },
      { path: ['seed'], message: 'Bad seed' },
    ]);
  });

  it('reads a string detail as one issue, and anything unreadable as none', () => {
    expect(issuesFromValidationDetail('Prediction not found')).toEqual([
      { path: [], message: 'Prediction not found' },
    ]);
    expect(issuesFromValidationDetail(null)).toEqual([]);
    expect(issuesFromValidationDetail([{ nonsense: true } as unknown as ValidationIssueWire])).toEqual([
      { path: [], message: 'Invalid value' },
    ]);
  });
});
