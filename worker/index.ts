import { Hono } from 'hono';
import type { AppEnv, Env } from './env';
import { ApiError, onError } from './lib/errors';
import { openApiDocument } from './openapi';
import { insightRoutes } from './routes/insights';
import { publicRoutes } from './routes/public';
import { respondentRoutes } from './routes/respondents';
import { resultRoutes } from './routes/results';
import { operatorRoutes, siteRoutes } from './routes/sites';
import { surveyRoutes } from './routes/surveys';
import { touchpointRoutes } from './routes/touchpoints';

export const app = new Hono<AppEnv>();

app.onError(onError);
app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such endpoint' } }, 404));

let openapi: string | undefined;
app.get('/v1/openapi.json', (c) => {
  openapi ??= JSON.stringify(openApiDocument());
  return c.body(openapi, 200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
});

app.route('/v1', publicRoutes);
app.route('/v1/sites', operatorRoutes);
app.route('/v1', siteRoutes);
app.route('/v1/touchpoints', touchpointRoutes);
app.route('/v1/surveys', resultRoutes);
app.route('/v1/surveys', surveyRoutes);
app.route('/v1/respondents', respondentRoutes);
app.route('/v1', insightRoutes);

// The dashboard is a single-page app: every path under /dashboard gets its index.html.
app.get('/dashboard', (c) => c.redirect('/dashboard/'));
app.get('/dashboard/*', async (c) => {
  if (!c.env.ASSETS) throw new ApiError(404, 'not_found', 'dashboard not built');
  return c.env.ASSETS.fetch(new URL('/dashboard/index.html', c.req.url));
});

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
