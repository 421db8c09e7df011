import { pathSegment as seg } from '../parseModelRef';
import { modelPath, type ProviderCatalog, shaped, withQuery } from '../provider';
import { page, pageQuery, versionPath } from '../wriftai';

/** WriftAI's catalog: models, versions, hardware, categories, users and the changes an owner makes. */
export const wriftaiCatalog: ProviderCatalog = {
  routes: {
    models: (p) =>
      withQuery('/models', {
        ...pageQuery(p),
        sort_by: p.sortBy,
        sort_direction: p.sortDirection,
        category_slugs: p.categories,
      }),
    modelsByOwner: (owner, p) => withQuery(`/models/${seg(owner, 'owner')}`, pageQuery(p)),
    model: modelPath,
    versions: (m, p) => withQuery(`${modelPath(m)}/versions`, pageQuery(p)),
    version: versionPath,
    searchModels: (q, p) => withQuery('/search/models', { q, ...pageQuery(p) }),
    hardware: /* @__PURE__ */ page('/hardware'),
    modelCategories: /* @__PURE__ */ page('/model_categories'),
    user: () => '/user',
    users: (p) =>
      withQuery('/users', { ...pageQuery(p), sort_by: p.sortBy, sort_direction: p.sortDirection }),
    userByName: (username) => `/users/${seg(username, 'username')}`,
    searchUsers: (q, p) => withQuery('/search/users', { q, ...pageQuery(p) }),
    userModels: /* @__PURE__ */ page('/user/models'),
    updateUser: () => '/user',
    createModel: () => '/models',
    updateModel: modelPath,
    deleteModel: modelPath,
    createVersion: (m) => `${modelPath(m)}/versions`,
    deleteVersion: versionPath,
  },
  mapModel: /* @__PURE__ */ shaped({ id: 's', name: 's', owner: { username: 's' } }),
  mapVersion: /* @__PURE__ */ shaped({ number: 'n', schemas: '?o' }),
  mapHardware: /* @__PURE__ */ shaped({ identifier: 's', name: 's' }),
  mapCategory: /* @__PURE__ */ shaped({ name: 's', slug: 's' }),
  mapUser: /* @__PURE__ */ shaped({ id: 's', username: 's' }),
};
