/**
 * An error a demo model throws when it wants to say whose fault the failure is. The runner reads
 * `source` to fill the prediction's `error.source`; any other thrown error counts as `internal`.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly source: 'internal' | 'external';

  constructor(message: string, source: 'internal' | 'external' = 'internal', options?: ErrorOptions) {
    super(message, options);
    this.source = source;
  }
}
