import { applyDefaults } from '../models/applyDefaults';
import { ModelError } from '../models/ModelError';
import type { DemoVersion } from '../models/types';
import type { VersionRecord } from '../store/Store';
import { validateAgainstSchema } from '../validation/validateInput';

/**
 * A version made through the API, run by the demo version whose image it names. Its own schema
 * validates and completes the input first (as the runner does for every version); the demo model
 * then gets an input that also fits the demo's schema, or the prediction fails as the caller's
 * fault, since a model must never see an input it was not written for.
 */
export function runnableVersion(runner: DemoVersion, version: VersionRecord, runs: string): DemoVersion {
  return {
    number: version.number,
    release_notes: version.release_notes,
    created_at: version.created_at,
    input: version.schemas.prediction.input,
    output: version.schemas.prediction.output,
    ...(runner.setupMs === undefined ? {} : { setupMs: runner.setupMs }),
    run(ctx) {
      const input = applyDefaults(runner.input, ctx.input);
      const issues = validateAgainstSchema(runner.input, input, ['input']);
      if (issues.length > 0) {
        const summary = issues
          .slice(0, 10)
          .map((issue) => `${issue.loc.slice(1).join('.')}: ${issue.msg}`)
          .join('; ');
        throw Object.assign(
          new ModelError(`Input does not fit the image this version runs (${runs}): ${summary}.`, 'external'),
          { detail: issues },
        );
      }
      return runner.run({ ...ctx, input });
    },
  };
}
