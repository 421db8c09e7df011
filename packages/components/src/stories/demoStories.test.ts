import { demoModels } from '@predictkit/server';
import { describe, expect, it } from 'vitest';
import * as outputStories from '../PredictionOutput/PredictionOutput.demo.stories';
import * as formStories from '../SchemaForm/SchemaForm.demo.stories';

const schemasOf = (stories: Record<string, unknown>) =>
  Object.entries(stories)
    .filter(([name]) => name !== 'default')
    .map(([, story]) => (story as { args?: { schema?: unknown } }).args?.schema);

// A demo model or version added to the server without a story would otherwise go unseen.
describe('the demo-model stories', () => {
  it('show the form of every version of every demo model, each once', () => {
    const inputs = demoModels.flatMap((m) => m.versions.map((v) => v.input));
    const shown = schemasOf(formStories);
    expect(shown).toHaveLength(inputs.length);
    for (const input of inputs) expect(shown).toContain(input);
  });

  it('show an output of every demo model under each of its output schemas, each once', () => {
    // Versions of a model that share an output schema (text-generator's) share its story.
    const outputs = demoModels.flatMap((m) => [...new Set(m.versions.map((v) => JSON.stringify(v.output)))]);
    const shown = schemasOf(outputStories);
    expect(shown).toHaveLength(outputs.length);
    for (const output of outputs) expect(shown).toContainEqual(JSON.parse(output));
  });
});
