/** The categories the demo models are filed under, as `GET /model_categories` lists them. */
export const category = {
  textGeneration: { name: 'Text generation', slug: 'text-generation' },
  imageGeneration: { name: 'Image generation', slug: 'image-generation' },
  imageEditing: { name: 'Image editing', slug: 'image-editing' },
  audio: { name: 'Audio', slug: 'audio' },
  textClassification: { name: 'Text classification', slug: 'text-classification' },
  utilities: { name: 'Utilities', slug: 'utilities' },
  testing: { name: 'Testing', slug: 'testing' },
} as const satisfies Record<string, { name: string; slug: string }>;

/** What each category holds, by slug: the list shows it, a model's own categories leave it out. */
export const CATEGORY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'text-generation': 'Models that write text from a prompt, token by token.',
  'image-generation': 'Models that make an image from a prompt or a seed.',
  'image-editing': 'Models that take an image and return a changed one.',
  audio: 'Models that make or change sound.',
  'text-classification': 'Models that put a label and a score on a text.',
  utilities: 'Small tools for checking that a client, form or proxy works.',
  testing: 'Models that fail, stall or run long on purpose, for testing clients.',
};
