import { anthropicMessages } from './anthropicMessages';
import type { ChatFormat } from './ChatFormat';
import { openAiChat } from './openAiChat';

/** The compatible chat APIs the WriftAI surface serves. */
export const chatFormats: readonly ChatFormat[] = [openAiChat, anthropicMessages];

/** The chat format of a request's path under `basePath`, if it is a chat route. */
export const chatFormatOf = (basePath: string, path: string): ChatFormat | undefined =>
  chatFormats.find((format) => path === basePath + format.path);
