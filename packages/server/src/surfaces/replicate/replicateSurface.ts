import { Hono } from 'hono';
import { fromReplicateId } from '../../replicateId';
import type { Surface } from '../Surface';
import { fileRoutes } from './fileRoutes';
import { modelRoutes } from './modelRoutes';
import { predictionRoutes } from './predictionRoutes';
import { problemResponse } from './problemResponse';
import { replicateWebhooks } from './replicateWebhooks';
import { REPLICATE_BASE } from './toReplicatePrediction';

const FILE_PATH = /^\/replicate\/v1\/files\/([^/]+)(?:\/download)?$/;
const SIGNED_PATH = /^\/replicate\/v1\/(?:predictions\/[^/]+\/stream|files\/[^/]+\/download)$/;

/**
 * Replicate's HTTP API under `/replicate/v1`, following Replicate's own documents and what its
 * official client sends and reads. Its predictions are the same records as WriftAI's.
 */
export const replicateSurface: Surface = {
  basePath: REPLICATE_BASE,
  routes(deps) {
    const v1 = new Hono();
    v1.route('/', predictionRoutes(deps));
    v1.route('/', modelRoutes(deps));
    v1.route('/', fileRoutes(deps));
    return v1;
  },
  errorResponse: problemResponse,
  // a file's API URL (`urls.get`, what a model takes as input) or its download URL
  fileIdFromPath: (pathname) => {
    const id = FILE_PATH.exec(pathname)?.[1];
    return id === undefined ? undefined : fromReplicateId(id);
  },
  isSigned: (c) =>
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    SIGNED_PATH.test(c.req.path) &&
    new URL(c.req.url).searchParams.has('signature'),
  takesMultipart: (c) => c.req.method === 'POST' && c.req.path === `${REPLICATE_BASE}/files`,
  webhooks: replicateWebhooks,
};
