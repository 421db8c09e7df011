/** A non-empty string. */
export const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Any object, arrays included (`isRecord` in `./schema` is the JSON-object test). */
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
