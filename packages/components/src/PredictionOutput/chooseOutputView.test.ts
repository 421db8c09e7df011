import { describe, expect, it } from 'vitest';
import { imagesOutputSchema, textOutputSchema, transcriptionOutputSchema } from '../fixtures/schemas';
import { chooseOutputView } from './chooseOutputView';
import { isSafeUrl } from './isSafeUrl';

const png = 'https://cdn.test/out/0.png';

describe('chooseOutputView', () => {
  it.each<[string, unknown, Record<string, unknown> | undefined, unknown]>([
    ['nothing yet', null, undefined, { kind: 'empty' }],
    ['undefined', undefined, undefined, { kind: 'empty' }],
    ['an empty string', '', undefined, { kind: 'empty' }],
    ['an empty array', [], imagesOutputSchema, { kind: 'empty' }],
    ['text', 'hello', undefined, { kind: 'text', text: 'hello' }],
    [
      'text that mentions a URL',
      'see https://x.test now',
      undefined,
      { kind: 'text', text: 'see https://x.test now' },
    ],
    ['chunks to concatenate', ['Hel', 'lo'], textOutputSchema, { kind: 'text', text: 'Hello' }],
    [
      'chunks that join into one image URL, which a reply in plain strings only links',
      ['https://x.test/', 'cat.png'],
      textOutputSchema,
      { kind: 'link', url: 'https://x.test/cat.png' },
    ],
    [
      'chunks without the hint',
      ['a', 'b'],
      undefined,
      {
        kind: 'list',
        items: [
          { kind: 'text', text: 'a' },
          { kind: 'text', text: 'b' },
        ],
      },
    ],
    ['a number', 0.97, undefined, { kind: 'json', value: 0.97 }],
    ['an object', { a: 1 }, undefined, { kind: 'json', value: { a: 1 } }],
    ['a URL by its extension', png, undefined, { kind: 'image', url: png }],
    [
      'a URL with a query',
      'https://x.test/a.wav?sig=1',
      undefined,
      { kind: 'audio', url: 'https://x.test/a.wav?sig=1' },
    ],
    ['a video URL', 'https://x.test/a.mp4', undefined, { kind: 'video', url: 'https://x.test/a.mp4' }],
    ['another file', 'https://x.test/a.zip', undefined, { kind: 'file', url: 'https://x.test/a.zip' }],
    [
      'a data: URI by its type',
      'data:audio/wav;base64,AAAA',
      undefined,
      { kind: 'audio', url: 'data:audio/wav;base64,AAAA', mediaType: 'audio/wav' },
    ],
    [
      'the schema over the extension',
      'https://x.test/file',
      { type: 'string', format: 'uri', contentMediaType: 'image/webp' },
      { kind: 'image', url: 'https://x.test/file', mediaType: 'image/webp' },
    ],
    [
      'a relative URI the schema calls a file',
      '/files/1.png',
      { type: 'string', format: 'uri' },
      { kind: 'image', url: '/files/1.png' },
    ],
    [
      'images as a gallery',
      [png, png],
      imagesOutputSchema,
      {
        kind: 'gallery',
        images: [
          { kind: 'image', url: png, mediaType: 'image/png' },
          { kind: 'image', url: png, mediaType: 'image/png' },
        ],
      },
    ],
    [
      'a mixed array',
      [png, 'caption', 3],
      undefined,
      {
        kind: 'list',
        items: [
          { kind: 'image', url: png },
          { kind: 'text', text: 'caption' },
          { kind: 'json', value: 3 },
        ],
      },
    ],
    ['a javascript: URL', 'javascript:alert(1)', undefined, { kind: 'unsafe', url: 'javascript:alert(1)' }],
    ['a vbscript: URL', 'VBScript:msgbox(1)', undefined, { kind: 'unsafe', url: 'VBScript:msgbox(1)' }],
    [
      'an HTML data: URI',
      'data:text/html,<b>x</b>',
      undefined,
      { kind: 'unsafe', url: 'data:text/html,<b>x</b>' },
    ],
    [
      'an SVG data: URI',
      'data:image/svg+xml,<svg/>',
      undefined,
      { kind: 'unsafe', url: 'data:image/svg+xml,<svg/>' },
    ],
    ['a file: URL', 'file:///etc/passwd', undefined, { kind: 'unsafe', url: 'file:///etc/passwd' }],
    [
      'an unsafe URL the schema calls a file',
      'ftp://x.test/a.png',
      { type: 'string', format: 'uri' },
      { kind: 'unsafe', url: 'ftp://x.test/a.png' },
    ],
    [
      'a nullable output schema',
      png,
      { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
      { kind: 'image', url: png },
    ],
    [
      'an output schema through $ref',
      ['a', 'b'],
      { $ref: '#/$defs/T', $defs: { T: textOutputSchema } },
      { kind: 'text', text: 'ab' },
    ],
    ['an output schema that cannot be read', 'hi', { $ref: '#/nowhere' }, { kind: 'text', text: 'hi' }],
  ])('%s', (_, output, schema, view) => {
    expect(chooseOutputView(output, schema)).toEqual(view);
  });

  it('shows text as Markdown when asked', () => {
    expect(chooseOutputView('# Hi', null, { markdown: true })).toEqual({ kind: 'markdown', text: '# Hi' });
    expect(chooseOutputView(['# ', 'Hi'], textOutputSchema, { markdown: true })).toEqual({
      kind: 'markdown',
      text: '# Hi',
    });
  });
});

describe('isSafeUrl', () => {
  it.each([
    ['https://x.test/a.png', true],
    ['http://x.test', true],
    ['blob:https://x.test/0b1e', true],
    ['/relative/a.png', true],
    ['relative/a.png', true],
    ['//x.test/a.png', false],
    ['/\\x.test/a.png', false],
    ['data:image/png;base64,AAAA', true],
    ['data:image/jpeg;base64,AAAA', true],
    ['data:audio/mpeg;base64,AAAA', true],
    ['data:video/mp4;base64,AAAA', true],
    ['data:application/octet-stream;base64,AAAA', true],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['vbscript:x', false],
    ['data:text/html,<script>', false],
    ['data:image/svg+xml;base64,AAAA', false],
    ['data:,hello', false],
    ['file:///etc/passwd', false],
    ['mailto:a@b.c', false],
    ['', false],
    [42, false],
  ])('%j → %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('chooseOutputView: what the schema says about a string', () => {
  const plain = { type: 'string' };
  const uri = { type: 'string', format: 'uri' };

  it('believes a plain string schema: a URL in it is a link at most, never a file named "output"', () => {
    expect(chooseOutputView('https://x.test/', plain)).toEqual({ kind: 'link', url: 'https://x.test/' });
    expect(chooseOutputView('https://x.test/a.png', plain)).toEqual({
      kind: 'link',
      url: 'https://x.test/a.png',
    });
    expect(chooseOutputView(' https://x.test/a ', plain)).toEqual({ kind: 'link', url: 'https://x.test/a' });
  });

  it('keeps a plain string that is no safe web address as text', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '/files/a.png',
      'see https://x.test',
    ]) {
      expect(chooseOutputView(text, plain)).toEqual({ kind: 'text', text });
    }
  });

  it('shows text under a `format: uri` schema as text, not as a relative link', () => {
    for (const text of ['A cat on a mat.', 'hello', 'error: the model ran out of memory', '3.14']) {
      expect(chooseOutputView(text, uri)).toEqual({ kind: 'text', text });
    }
    expect(chooseOutputView('out/0.png', uri)).toEqual({ kind: 'image', url: 'out/0.png' });
    expect(chooseOutputView('mesh.glb', uri)).toEqual({ kind: 'file', url: 'mesh.glb' });
    expect(chooseOutputView('java\tscript:alert(1)', uri)).toEqual({
      kind: 'unsafe',
      url: 'java\tscript:alert(1)',
    });
  });
});

describe('chooseOutputView: classifications', () => {
  const ranked = [
    { label: 'dog', score: 0.2 },
    { label: 'cat', score: 0.7 },
    { label: 'fox', score: 0.1 },
  ];
  const sorted = [ranked[1], ranked[0], ranked[2]];

  it('reads a list of {label, score}, highest first', () => {
    expect(chooseOutputView(ranked)).toEqual({ kind: 'classification', classes: sorted });
    expect(chooseOutputView([{ label: 'a', confidence: 0.5 }])).toEqual({
      kind: 'classification',
      classes: [{ label: 'a', score: 0.5 }],
    });
  });

  it('reads an object with the picked label and scores by class, or a list of them', () => {
    expect(chooseOutputView({ label: 'cat', scores: { dog: 0.2, cat: 0.7, fox: 0.1 } })).toEqual({
      kind: 'classification',
      label: 'cat',
      classes: sorted,
    });
    expect(chooseOutputView({ label: 'cat', confidences: ranked })).toEqual({
      kind: 'classification',
      label: 'cat',
      classes: sorted,
    });
  });

  it('leaves other objects as JSON, and takes numbers by name when asked for a classification', () => {
    const counts = { dog: 2, cat: 7 };
    expect(chooseOutputView(counts)).toEqual({ kind: 'json', value: counts });
    expect(chooseOutputView({ label: 'cat', score: 0.9 })).toEqual({
      kind: 'json',
      value: { label: 'cat', score: 0.9 },
    });
    expect(chooseOutputView(counts, null, { view: 'classification' })).toEqual({
      kind: 'classification',
      classes: [
        { label: 'cat', score: 7 },
        { label: 'dog', score: 2 },
      ],
    });
    expect(chooseOutputView('cat', null, { view: 'classification' })).toEqual({ kind: 'text', text: 'cat' });
  });
});

describe('chooseOutputView: views by name', () => {
  const input = { image: 'https://x.test/in.jpg', strength: 0.5 };

  it('compares an image made from an input image with it', () => {
    expect(chooseOutputView(png, null, { input })).toEqual({
      kind: 'compare',
      before: { kind: 'image', url: 'https://x.test/in.jpg' },
      after: { kind: 'image', url: png },
    });
    expect(
      chooseOutputView([png], imagesOutputSchema, { input: { images: ['https://x.test/in.jpg'] } }),
    ).toMatchObject({
      kind: 'compare',
    });
  });

  it('does not compare without an image in, with several out, with an unsafe input, or when asked for the image', () => {
    expect(chooseOutputView(png, null, { input: { prompt: 'a fox' } })).toEqual({ kind: 'image', url: png });
    expect(chooseOutputView([png, png], null, { input })).toMatchObject({ kind: 'gallery' });
    expect(chooseOutputView(png, null, { input: { image: '//evil.example/a.png' } })).toEqual({
      kind: 'image',
      url: png,
    });
    expect(chooseOutputView(png, null, { input, view: 'image' })).toEqual({ kind: 'image', url: png });
  });

  it('shows an object the schema names the properties of as its fields, in the schema’s order', () => {
    const output = {
      extra: 7,
      translation: null,
      srt_file: 'https://x.test/a.srt',
      transcription: 'https://x.test is where it was said',
      segments: [{ id: 0 }, { id: 1 }],
      detected_language: 'english',
    };
    expect(chooseOutputView(output, transcriptionOutputSchema)).toEqual({
      kind: 'fields',
      value: output,
      fields: [
        { name: 'detected_language', label: 'Detected language', view: { kind: 'text', text: 'english' } },
        {
          name: 'transcription',
          label: 'Transcription',
          view: { kind: 'text', text: 'https://x.test is where it was said' },
        },
        { name: 'segments', label: 'Segments', view: { kind: 'json', value: [{ id: 0 }, { id: 1 }] } },
        { name: 'srt_file', label: 'Srt file', view: { kind: 'file', url: 'https://x.test/a.srt' } },
        { name: 'extra', label: 'Extra', view: { kind: 'json', value: 7 } },
      ],
    });
    // Nothing in it yet: nothing to show.
    expect(chooseOutputView({ translation: null, transcription: '' }, transcriptionOutputSchema)).toEqual({
      kind: 'empty',
    });
    // Without a schema that names them, an object is a tree, as it is when asked for as JSON.
    expect(chooseOutputView(output, null)).toEqual({ kind: 'json', value: output });
    expect(chooseOutputView(output, transcriptionOutputSchema, { view: 'json' })).toEqual({
      kind: 'json',
      value: output,
    });
  });

  it('compares with the image edited, never with its mask, and not with several references', () => {
    const photo = 'https://x.test/photo.png';
    const mask = 'https://x.test/mask.png';
    // Replicate reads inputs back with their keys in its own order: the mask may come first.
    for (const key of ['mask', 'masks', 'mask_image', 'inpaint-mask', 'maskImage']) {
      expect(chooseOutputView(png, null, { input: { [key]: mask, image: photo } }), key).toMatchObject({
        kind: 'compare',
        before: { url: photo },
      });
    }
    const references = { input_images: [photo, 'https://x.test/style.png'] };
    expect(chooseOutputView(png, null, { input: references })).toEqual({ kind: 'image', url: png });
    expect(chooseOutputView(png, null, { input: references, view: 'compare' })).toMatchObject({
      kind: 'compare',
      before: { url: photo },
    });
  });

  it('shows a file as the media kind asked for, and anything as text or JSON', () => {
    const file = 'https://x.test/render';
    expect(chooseOutputView(file, null, { view: 'audio' })).toEqual({ kind: 'audio', url: file });
    expect(chooseOutputView([file, file], null, { view: 'gallery' })).toEqual({
      kind: 'gallery',
      images: [
        { kind: 'image', url: file },
        { kind: 'image', url: file },
      ],
    });
    expect(chooseOutputView({ a: 1 }, null, { view: 'text' })).toEqual({
      kind: 'text',
      text: '{\n  "a": 1\n}',
    });
    expect(chooseOutputView('hi', null, { view: 'json' })).toEqual({ kind: 'json', value: 'hi' });
    expect(chooseOutputView('javascript:alert(1)', null, { view: 'image' })).toEqual({
      kind: 'unsafe',
      url: 'javascript:alert(1)',
    });
  });

  it('refuses a view it does not know', () => {
    expect(() => chooseOutputView('x', null, { view: 'chart' as 'json' })).toThrow(
      /chooseOutputView: `view` must be one of auto, text, .*; got "chart"\./,
    );
  });
});
