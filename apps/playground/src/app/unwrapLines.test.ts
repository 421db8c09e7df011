import { describe, expect, it } from 'vitest';
import { unwrapLines } from './unwrapLines';

describe('unwrapLines', () => {
  it('joins a hard-wrapped paragraph and keeps list items, headings and blank lines', () => {
    const text =
      'Turns a prompt into\nabstract images.\n\n**Inputs.**\n- `prompt`: what to paint;\n  colors matter.\n- `seed`: reproducible.\n# Heading\nNext line';
    expect(unwrapLines(text)).toBe(
      'Turns a prompt into abstract images.\n\n**Inputs.**\n- `prompt`: what to paint; colors matter.\n- `seed`: reproducible.\n# Heading\nNext line',
    );
  });

  it('leaves fenced code as it is', () => {
    expect(unwrapLines('```\na\nb\n```')).toBe('```\na\nb\n```');
  });
});
