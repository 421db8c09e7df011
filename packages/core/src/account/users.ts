import { callPageRoute, callRoute } from '../catalog/callRoute';
import { checkOptions, type Rules, TEXT, TEXT_OR_NULL } from '../checkOptions';
import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { isText } from '../isObject';
import type { PageParams, UserListParams } from '../provider';
import type { Model, Page, User, UserFields } from '../types';

const USER_FIELDS: Rules = {
  username: TEXT,
  name: TEXT_OR_NULL,
  bio: TEXT_OR_NULL,
  urls: [(v) => v === null || (Array.isArray(v) && v.every(isText)), 'an array of URLs or null'],
  location: TEXT_OR_NULL,
  company: TEXT_OR_NULL,
};

/** Users, oldest first unless `sortDirection: 'desc'`. */
export const listUsers = async (
  client: Client,
  params: UserListParams & CallOptions = {},
): Promise<Page<User>> => callPageRoute(client, 'listUsers', params, (r) => r.users(params), 'mapUser');

/** One user by username; `getUser` is the token's own. */
export const getUserByName = async (
  client: Client,
  username: string,
  options: CallOptions = {},
): Promise<User> => callRoute(client, 'getUserByName', options, (r) => r.userByName(username), 'mapUser');

export const searchUsers = async (
  client: Client,
  query: string,
  params: PageParams & CallOptions = {},
): Promise<Page<User>> => {
  const at = 'searchUsers';
  if (!isText(query)) throw invalid(at, 'query', 'a non-empty string', query);
  return callPageRoute(client, at, params, (r) => r.searchUsers(query, params), 'mapUser');
};

/** The token's user's models, private ones included. */
export const listUserModels = async (
  client: Client,
  params: PageParams & CallOptions = {},
): Promise<Page<Model>> =>
  callPageRoute(client, 'listUserModels', params, (r) => r.userModels(params), 'mapModel');

/** Changes the token's user: the fields given, and only those (`null` clears one). */
export async function updateUser(
  client: Client,
  fields: UserFields,
  options: CallOptions = {},
): Promise<User> {
  const at = 'updateUser';
  checkOptions(at, fields, USER_FIELDS, true);
  return callRoute(client, at, options, (r) => ['PATCH', r.updateUser(), fields], 'mapUser');
}
