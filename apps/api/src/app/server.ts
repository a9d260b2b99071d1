import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { json, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module.js';
import { AnswerCache } from './common/answer-cache.js';
import { ErrorsFilter } from './common/errors.filter.js';
import { inlineScriptHashes, securityHeaders } from './common/security-headers.js';
import { checkJsonDepth, EXPORT_BODY_LIMIT, JSON_BODY_LIMIT, strictValidationPipe } from './common/validation.js';
import type { VigieRuntime } from './runtime.js';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Builds the HTTP application: API under /api, OpenAPI under /api/docs, dashboard on /. */
export async function createVigieApp(runtime: VigieRuntime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    logger: LEVELS[runtime.config.logLevel],
    bodyParser: false,
  });
  if (runtime.config.trustProxy) app.set('trust proxy', 1);
  app.use(securityHeaders(inlineScriptHashes(runtime.config.dashboardDir ? resolve(runtime.config.dashboardDir) : null)));
  // Cached answers (@CachedAnswer routes) are served from here, before body parsing, compression and Nest's router.
  app.use(app.get(AnswerCache).middleware());
  // JSON bodies: at most 4 MB (a full 10,000-event ingest batch is ~3 MB) and 64 levels deep, checked on the raw
  // bytes before parsing (a body of 100,000 "[" used to overflow the validators' recursion: 500 on every route).
  // Dashboard exports carry the table's rows (up to 100,000): their own, larger limit.
  app.use('/api/exports', json({ limit: EXPORT_BODY_LIMIT, verify: checkJsonDepth }));
  app.use(json({ limit: JSON_BODY_LIMIT, verify: checkJsonDepth }));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ErrorsFilter());
  app.use(compression());
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  if (runtime.config.corsOrigins.length) app.enableCors({ origin: runtime.config.corsOrigins, credentials: true });

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vigie API')
      .setDescription('Territorial analytics for solidarity-service directories: territories, coverage, searches, deployment.')
      .setVersion(runtime.version)
      .addCookieAuth('vigie_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json' });

  const dir = runtime.config.dashboardDir ? resolve(runtime.config.dashboardDir) : null;
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.useStaticAssets(dir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (/\.[0-9A-Z]{8,}\.(js|css)$/i.test(path) || /-[0-9A-Z]{8,}\.(js|css)$/.test(path))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
    // Single-page app: every non-API GET that is not a file gets index.html.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(dir, 'index.html'));
    });
  } else if (dir) {
    new Logger('Vigie').warn(`dashboard not found in ${dir}: run "npm run build" to serve it; the API works without it`);
  }
  return app;
}
