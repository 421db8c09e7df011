/**
 * `@predictkit/core/catalog`: models, their versions, hardware, categories and the token's user.
 * Operations of the same kind as the default entry's, in an entry of their own (with the providers'
 * catalogs) so that apps which only run predictions never carry them.
 */

export { replicateCatalog } from '../replicate/replicateCatalog';
export {
  getModel,
  getModelVersion,
  getUser,
  listHardware,
  listModelCategories,
  listModels,
  listModelsByOwner,
  listModelVersions,
  searchModels,
} from './catalog';
export { wriftaiCatalog } from './wriftaiCatalog';
