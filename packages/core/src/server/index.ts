export {
  createMemoryOwnershipStore,
  type MemoryOwnershipStoreOptions,
  type OwnershipStore,
} from './createMemoryOwnershipStore';
export {
  createProxyHandler,
  type ProxyAccess,
  type ProxyHandlerOptions,
  type ProxyProvider,
} from './createProxyHandler';
export { createWebhookHandler, type WebhookHandlerOptions } from './createWebhookHandler';
export { fileSafetyHeaders } from './fileSafetyHeaders';
export type { PredictionSink } from './PredictionSink';
export {
  type SignStandardWebhookOptions,
  type StandardWebhook,
  type StandardWebhookHeaders,
  signStandardWebhook,
  type VerifyStandardWebhookOptions,
  verifyStandardWebhook,
  WebhookIdMissingError,
} from './standardWebhook';
export {
  computeWebhookSignature,
  type SignWebhookOptions,
  signWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureMismatchError,
  WebhookSignatureMissingError,
  WebhookTimestampMissingError,
  WebhookTimestampOutOfToleranceError,
  WebhookVerificationError,
} from './webhook';
