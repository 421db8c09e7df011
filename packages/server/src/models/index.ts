import { echo } from './echo';
import { imageFilter } from './imageFilter';
import { imageGenerator } from './imageGenerator';
import { sentiment } from './sentiment';
import { slowTask } from './slowTask';
import { textGenerator } from './textGenerator';
import { toneSynth } from './toneSynth';
import type { DemoModel } from './types';
import { unreliable } from './unreliable';

/** The built-in models of the local server, all owned by `predictkit`, in the order they are listed. */
export const demoModels: DemoModel[] = [
  echo,
  textGenerator,
  imageGenerator,
  imageFilter,
  toneSynth,
  sentiment,
  slowTask,
  unreliable,
];

/** The owner of every demo model. */
export const DEMO_OWNER = 'predictkit';

export { applyDefaults } from './applyDefaults';
export { decodeDataUri, encodeDataUri } from './dataUri';
export { ModelError } from './ModelError';
export type { DemoModel, DemoVersion, ModelContext } from './types';
