import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { runsOnAVersionId } from '../stories/runsOnAVersionId';
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
export const RunsOnAVersionId: Story = runsOnAVersionId(wriftai.Echo);
export const ServerValidationError: Story = wriftai.ServerValidationError;
export const SlowTaskCancel: Story = wriftai.SlowTaskCancel;
export const ModelNotFound: Story = wriftai.ModelNotFound;
