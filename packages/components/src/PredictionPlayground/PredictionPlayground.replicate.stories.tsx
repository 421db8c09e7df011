import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { runsOnAVersionId } from '../stories/runsOnAVersionId';
import { withLocalServer } from '../stories/withLocalServer';
import { PredictionPlayground } from './PredictionPlayground';
import * as wriftai from './PredictionPlayground.stories';

// The live stories again, through the in-process server's Replicate API and core's Replicate provider:
// the same demo models, runs, streams, cancels and errors, read from the other service's wire format.

const meta = {
  title: 'Live/Replicate/PredictionPlayground',
  component: PredictionPlayground,
  decorators: [withLocalServer],
  parameters: { localApi: 'replicate' },
  args: { model: 'predictkit/echo', onCreated: fn() },
} satisfies Meta<typeof PredictionPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Echo: Story = wriftai.Echo;

/** Echo's run, made on Replicate's terms: on the version id of the model's latest version. */
export const RunsOnAVersionId: Story = runsOnAVersionId(wriftai.Echo);
export const TextGeneratorStreams: Story = wriftai.TextGeneratorStreams;
export const Sentiment: Story = wriftai.Sentiment;
export const CodeTab: Story = wriftai.CodeTab;
export const SlowTaskCanceled: Story = wriftai.SlowTaskCanceled;
export const UnreliableFails: Story = wriftai.UnreliableFails;
export const KeyboardOnly: Story = wriftai.KeyboardOnly;
export const ModelNotFound: Story = wriftai.ModelNotFound;
