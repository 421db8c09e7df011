import { Hono } from 'hono';
import type { Surface } from '../Surface';
import { basicAuthToken } from './basicAuthToken';
import { datasetRoutes } from './datasetRoutes';
import { evaluationRoutes } from './evaluationRoutes';
import { evaluationRunRoutes } from './evaluationRunRoutes';
import { modelRoutes } from './modelRoutes';
import { predictionRoutes } from './predictionRoutes';
import { scoreRoutes } from './scoreRoutes';
import { scorerRoutes } from './scorerRoutes';

/**
 * W&B Weave's v2 service API under `/weave` (then `/v2/{entity}/{project}/…`), so that logging
 * predictions, scores and evaluation runs, and the models, scorers, datasets and evaluations they
 * name, works offline. Its records are its own (a Weave prediction logs a call made elsewhere);
 * it has no files and no webhooks.
 */
export const weaveSurface: Surface = {
  basePath: '/weave',
  routes(deps) {
    const app = new Hono();
    app.route('/', predictionRoutes(deps));
    app.route('/', evaluationRunRoutes(deps));
    app.route('/', scoreRoutes(deps));
    app.route('/', modelRoutes(deps));
    app.route('/', scorerRoutes(deps));
    app.route('/', datasetRoutes(deps));
    app.route('/', evaluationRoutes(deps));
    return app;
  },
  // FastAPI's shape, as Weave's server is: `{"detail": "…"}`, or a list of issues for a 422
  errorResponse: (c, error) => c.json({ detail: error.detail }, error.status as never, error.headers),
  fileIdFromPath: () => undefined,
  auth: {
    scheme: 'Basic',
    how: '`Authorization: Basic <base64 of api:<token>>` (HTTP Basic, user `api`)',
    tokenOf: basicAuthToken,
  },
  webhooks: () => () => {},
};
