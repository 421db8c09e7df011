import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './createSseParser';

const feed = (...chunks: string[]): SseEvent[] => {
  const parser = createSseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
};

const event = (data: string, more: Partial<SseEvent> = {}): SseEvent => ({
  event: 'message',
  data,
  id: '',
  retry: undefined,
  ...more,
});

describe('createSseParser', () => {
  it('reads named events with ids', () => {
    expect(feed('id: 1\nevent: prediction\ndata: {"a":1}\n\n')).toEqual([
      event('{"a":1}', { id: '1', event: 'prediction' }),
    ]);
  });

  it('joins multi-line data with \\n', () => {
    expect(feed('data: one\ndata: two\ndata:\n\n')).toEqual([event('one\ntwo\n')]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('splits lines on %s', (_name, eol) => {
    expect(feed(`data: a${eol}${eol}data: b${eol}${eol}`)).toEqual([event('a'), event('b')]);
  });

  it('treats a CRLF split across chunks as one line end', () => {
    expect(feed('data: a\r', '\n\r', '\ndata: b\r\n\r\n')).toEqual([event('a'), event('b')]);
  });

  it('keeps a CR at the end of a chunk a line end when no LF follows', () => {
    expect(feed('data: a\r', '\rdata: b\n\n')).toEqual([event('a'), event('b')]);
  });

  it('handles an event split anywhere, byte by byte', () => {
    const text = 'id: 7\nevent: output\ndata: "tok"\n\n';
    expect(feed(...text)).toEqual([event('"tok"', { id: '7', event: 'output' })]);
  });

  it('skips comments, unknown fields and events without data', () => {
    expect(feed(': keep-alive\n\nfoo: bar\nevent: ping\n\ndata: x\n\n')).toEqual([event('x')]);
  });

  it('strips one space after the colon only', () => {
    expect(feed('data:  two spaces\ndata:none\n\n')).toEqual([event(' two spaces\nnone')]);
  });

  it('reads a field without a colon as an empty value', () => {
    expect(feed('data\n\n')).toEqual([event('')]);
  });

  it('carries the last id to later events and ignores ids with NUL', () => {
    expect(feed('id: 3\ndata: a\n\ndata: b\n\nid: 4\0\ndata: c\n\nid\ndata: d\n\n')).toEqual([
      event('a', { id: '3' }),
      event('b', { id: '3' }),
      event('c', { id: '3' }),
      event('d', { id: '' }),
    ]);
  });

  it('takes retry only when it is all digits', () => {
    expect(feed('retry: 1500\ndata: a\n\nretry: 2s\ndata: b\n\n')).toEqual([
      event('a', { retry: 1500 }),
      event('b', { retry: 1500 }),
    ]);
  });

  it('resets the event name after each dispatch', () => {
    expect(feed('event: logs\ndata: a\n\ndata: b\n\n')).toEqual([event('a', { event: 'logs' }), event('b')]);
  });

  it('holds back an unfinished event', () => {
    const parser = createSseParser();
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([event('half')]);
  });
});
