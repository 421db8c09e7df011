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
