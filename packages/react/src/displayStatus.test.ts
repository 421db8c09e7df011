import { describe, expect, it } from 'vitest';
import { displayStatus } from './displayStatus';

const started = { status: 'started' };
const succeeded = { status: 'succeeded' };

describe('displayStatus', () => {
  it('is undefined with nothing to show', () => {
    expect(displayStatus({})).toBeUndefined();
    expect(displayStatus({ prediction: null })).toBeUndefined();
  });

  it('says creating while the create request is on its way, over an earlier run and its error', () => {
    expect(displayStatus({ creating: true })).toBe('creating');
    // a cancel asked for before the create answered
    expect(displayStatus({ creating: true, canceling: true })).toBe('canceling');
    expect(
      displayStatus({ creating: true, prediction: succeeded, createError: new Error('x'), stopped: true }),
    ).toBe('creating');
  });

  it('says error when the create failed, over any snapshot', () => {
    expect(displayStatus({ createError: new Error('422') })).toBe('error');
    expect(displayStatus({ createError: new Error('422'), prediction: started, canceling: true })).toBe(
      'error',
    );
  });

  it('gives a terminal status as it is, even while stopped or canceling', () => {
    expect(displayStatus({ prediction: succeeded, stopped: true, canceling: true })).toBe('succeeded');
    expect(displayStatus({ prediction: { status: 'aborted' }, canceling: true })).toBe('aborted');
  });

  it('says stopped once watching stopped before the end, over canceling', () => {
    expect(displayStatus({ prediction: started, stopped: true })).toBe('stopped');
    expect(displayStatus({ prediction: started, stopped: true, canceling: true })).toBe('stopped');
  });

  it('has nothing stopped without a snapshot: a create stopped before its answer is idle', () => {
    expect(displayStatus({ stopped: true })).toBeUndefined();
  });

  it('says canceling until the server answers with an end, with or without a snapshot', () => {
    expect(displayStatus({ prediction: started, canceling: true })).toBe('canceling');
    expect(displayStatus({ canceling: true })).toBe('canceling');
  });

  it('gives the snapshot’s status otherwise, unknown ones included', () => {
    expect(displayStatus({ prediction: { status: 'pending' } })).toBe('pending');
    expect(displayStatus({ prediction: started, canceling: false, stopped: false })).toBe('started');
    expect(displayStatus({ prediction: { status: 'warming_up' } })).toBe('warming_up');
  });
});
