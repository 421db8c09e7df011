import { Hono } from 'hono';
import type { Surface } from '../Surface';
import { chatErrorResponse } from './chatErrorResponse';
import { chatRoutes } from './chatRoutes';
import { fileRoutes } from './fileRoutes';
import { modelRoutes } from './modelRoutes';
import { modelWriteRoutes } from './modelWriteRoutes';
import { predictionRoutes } from './predictionRoutes';
import { userRoutes } from './userRoutes';
import { wriftaiToken } from './wriftaiToken';
import { wriftaiWebhooks } from './wriftaiWebhooks';

const FILE_PATH = /^\/v1\/files\/([0-9a-f-]{36})$/;

/** The WriftAI API under `/v1`: the server's first surface, its contract in the project's API.md. */
export const wriftaiSurface: Surface = {
  basePath: '/v1',
  routes(deps) {
    const v1 = new Hono();
    v1.route('/', predictionRoutes(deps));
    v1.route('/', modelRoutes(deps));
    v1.route('/', modelWriteRoutes(deps));
    v1.route('/', userRoutes(deps));
    v1.route('/', fileRoutes(deps));
    v1.route('/', chatRoutes(deps));
    return v1;
  },
  // FastAPI's shape: `{"detail": "…"}`, or a list of issues for a 422; the chat routes answer in theirs
  errorResponse: (c, error) =>
    chatErrorResponse(c, error, '/v1') ??
    c.json({ detail: error.detail }, error.status as never, error.headers),
  auth: {
    scheme: 'Bearer',
    how: '`Authorization: Bearer <token>` (on /v1/messages, `x-api-key: <token>` too)',
    tokenOf: wriftaiToken,
  },
  fileIdFromPath: (pathname) => FILE_PATH.exec(pathname)?.[1],
  webhooks: wriftaiWebhooks,
};
