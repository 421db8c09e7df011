import type { Prediction } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { dropHandOff, handOff, inputAsRun, takeHandOff, tweakHref } from './inputAddress';

const ran = (input: Record<string, unknown>) =>
  ({
    id: 'p1',
    status: 'succeeded',
    model: { owner: 'predictkit', name: 'image-generator', version_number: 2 },
    input,
    created_at: '2026-12-01T00:00:00Z',
  }) as Prediction;

const schema = { type: 'object', properties: { prompt: { type: 'string' }, seed: { type: 'integer' } } };

describe('inputAsRun', () => {
  it('fills in the seed the logs name where it was left out or blank', () => {
    expect(inputAsRun(ran({ prompt: 'a' }), 42, schema)).toEqual({ prompt: 'a', seed: 42 });
    expect(inputAsRun(ran({ prompt: 'a', seed: null }), 42)).toEqual({ prompt: 'a', seed: 42 });
  });

  it('keeps a seed that was given, and adds none the logs do not name', () => {
    expect(inputAsRun(ran({ prompt: 'a', seed: 7 }), 42, schema)).toEqual({ prompt: 'a', seed: 7 });
    expect(inputAsRun(ran({ prompt: 'a' }), null, schema)).toEqual({ prompt: 'a' });
  });

  it('adds no seed to a model that takes none, whatever its logs print', () => {
    const noSeed = { type: 'object', properties: { prompt: { type: 'string' } } };
    expect(inputAsRun(ran({ prompt: 'a' }), 42, noSeed)).toEqual({ prompt: 'a' });
    expect(inputAsRun(ran({ prompt: 'a' }), 42)).toEqual({ prompt: 'a' });
  });

  it('leaves the prediction’s own input as it is', () => {
    const prediction = ran({ prompt: 'a' });
    inputAsRun(prediction, 42);
    expect(prediction.input).toEqual({ prompt: 'a' });
  });
});

describe('tweakHref', () => {
  it('opens the model’s page on the version it ran, with its input as it ran', () => {
    const href = tweakHref(ran({ prompt: 'a' }), 42, schema);
    const url = new URL(href, 'http://app.test');
    expect(url.pathname).toBe('/models/predictkit/image-generator');
    expect(url.searchParams.get('version')).toBe('2');
    expect(JSON.parse(url.searchParams.get('input')!)).toEqual({ prompt: 'a', seed: 42 });
  });
});

describe('handOff', () => {
  const image = `data:image/png;base64,${'A'.repeat(2000)}`;
  const input = { image, prompt: 'p'.repeat(1500), strength: 0.5 };
  const model = 'predictkit/image-filter';
  const addressOf = (href: string) => new URL(href, 'http://app.test').searchParams;

  it('gives the model’s page the whole input Tweak opens it with, files and long texts included', () => {
    const href = tweakHref(ran(input), null);
    // The address keeps what a link can share, and the prediction it came from.
    expect(JSON.parse(addressOf(href).get('input')!)).toEqual({ strength: 0.5 });
    expect(addressOf(href).get('from')).toBe('p1');
    handOff(model, 'p1', input);
    expect(takeHandOff(model, addressOf(href))).toEqual(input);
    // Read again (a reload) while the address still names it, it is still there.
    expect(takeHandOff(model, addressOf(href))).toEqual(input);
  });

  it('is not taken by another model, an address that names no prediction or another, or once dropped', () => {
    handOff(model, 'p1', { image });
    const href = tweakHref(ran({ image }), null);
    expect(takeHandOff('predictkit/echo', addressOf(href))).toBeUndefined();
    // Nothing of this input fits an address: a plain visit to the model must not take it.
    expect(takeHandOff(model, new URLSearchParams())).toBeUndefined();
    expect(takeHandOff(model, new URLSearchParams({ from: 'p2' }))).toBeUndefined();
    dropHandOff();
    expect(takeHandOff(model, addressOf(href))).toBeUndefined();
  });

  it('leaves no earlier hand-off behind when this one cannot be stored', () => {
    handOff(model, 'p1', input);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      handOff(model, 'p2', input);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(takeHandOff(model, new URLSearchParams({ from: 'p1' }))).toBeUndefined();
  });
});
