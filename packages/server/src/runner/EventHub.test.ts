import { describe, expect, it } from 'vitest';
import { EventHub, type StreamEvent } from './EventHub';

describe('EventHub', () => {
  it('replays after an id, then delivers live events, and lets go of readers at done', () => {
    const hub = new EventHub();
    hub.publish('p', 'prediction', { status: 'pending' });
    hub.publish('p', 'output', 'a');
    const seen: StreamEvent[] = [];
    const stop = hub.subscribe('p', 1, (event) => seen.push(event));
    hub.publish('p', 'output', 'b');
    hub.publish('p', 'done', { status: 'succeeded' });
    hub.publish('p', 'logs', 'after the end');
    expect(seen.map((e) => [e.id, e.event])).toEqual([
      [2, 'output'],
      [3, 'output'],
      [4, 'done'],
    ]);
    stop();
  });

  it('adds no reader when the replay already reaches done', () => {
    const hub = new EventHub();
    hub.publish('p', 'prediction', {});
    hub.publish('p', 'done', {});
    const seen: number[] = [];
    hub.subscribe('p', 0, (event) => seen.push(event.id));
    // a later event (there is none in practice) would reach nobody
    hub.publish('p', 'logs', 'x');
    expect(seen).toEqual([1, 2]);
  });
});
