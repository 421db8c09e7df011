import { type Client, type ClientOptions, clientFor } from '../createClient';
import { replicate } from './replicate';

/**
 * `createClient` for Replicate: the token from `REPLICATE_API_TOKEN`, the base URL from
 * `REPLICATE_API_BASE_URL` or `https://api.replicate.com/v1`. The same client as
 * `createClient({ provider: replicate })` from `@predictkit/core`, without WriftAI's provider in the bundle.
 */
export const createClient = (options?: ClientOptions): Client => clientFor(replicate, options);
