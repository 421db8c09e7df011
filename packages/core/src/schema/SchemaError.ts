/** A schema that cannot become a form: says what is wrong and where (`at`, a dotted location in the schema). */
export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(
    message: string,
    readonly at = '',
  ) {
    super(at ? `${message} (at ${at})` : message);
  }
}
