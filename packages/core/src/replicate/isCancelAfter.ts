/**
 * What `Cancel-After` takes: a duration as Go writes them, in hours, minutes, seconds and
 * milliseconds, in any order and with decimals (`90s`, `1h30m`, `1.5s`, `500ms`), and not zero.
 * The client checks what it sends with it, and the local server what it accepts.
 */
export const isCancelAfter = (text: unknown): text is string =>
  typeof text === 'string' && /^(?=.*[1-9])(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text);
