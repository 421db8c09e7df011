/**
 * `@predictkit/core/account`: users, the token's user's profile and models, the changes a model's
 * owner makes (models and their versions), and the account's webhook secret. Operations of the
 * same kind as the default entry's, in an entry of their own so that apps which only run
 * predictions never carry them.
 */
export {
  createModel,
  createModelVersion,
  deleteModel,
  deleteModelVersion,
  updateModel,
} from './modelChanges';
export { getUserByName, listUserModels, listUsers, searchUsers, updateUser } from './users';
export { getWebhookSecret, type WebhookSecret } from './webhookSecret';
