import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { PredictionInputForm } from './PredictionInputForm';
import * as wriftai from './PredictionInputForm.stories';

// The live stories again, through the in-process server's Replicate API and core's Replicate provider:
// the form comes from the version's Cog schema, and a 422's `invalid_fields` land on their fields.

const meta = {
  title: 'Live/Replicate/PredictionInputForm',
  component: PredictionInputForm,
  decorators: wriftai.default.decorators,
  parameters: { localApi: 'replicate' },
  args: { model: 'predictkit/echo', onCreated: fn() },
} satisfies Meta<typeof PredictionInputForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Echo: Story = wriftai.Echo;

/** Echo's run, made on Replicate's terms: on the version id of the model's latest version. */
export const RunsOnAVersionId: Story = {
  play: async (context) => {
    await wriftai.Echo.play?.(context);
    await expect(context.args.onCreated).toHaveBeenCalledWith(
      expect.objectContaining({
        model: expect.objectContaining({ version_id: expect.stringMatching(/^[\da-f]{64}$/) }),
      }),
    );
  },
};
export const ServerValidationError: Story = wriftai.ServerValidationError;
export const SlowTaskCancel: Story = wriftai.SlowTaskCancel;
export const ModelNotFound: Story = wriftai.ModelNotFound;
