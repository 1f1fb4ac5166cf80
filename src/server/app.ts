import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import sjson from 'secure-json-parse';
import { AppError } from '../platform/errors.ts';
import { authenticationHook } from '../platform/http/authenticate.ts';
import { idempotencyHooks } from '../platform/http/idempotency.ts';
import { sendProblem, toAppError, unstorableText } from '../platform/http/problem.ts';
import type { Api } from '../platform/http/types.ts';
import type { Platform } from '../platform/platform.ts';
import { VERSION } from '../platform/version.ts';
import { MODULES } from './modules.ts';
import { securityHeaders } from './security-headers.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const API_PREFIX = '/api/v1';

/** Builds the whole HTTP application: platform hooks, every module's routes, docs, the web app. */
export async function buildApp(
  platform: Platform,
  logger: FastifyBaseLogger,
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    // We log routes, never raw URLs (a query string can hold a name).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: platform.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own errors (undecodable path, over-long parameter) get problem+json too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, toAppError(error, request));
    },
  }).withTypeProvider() as unknown as Api;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON only; an empty body is allowed (bodiless POSTs still say application/json for CSRF).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, sjson.parse(body, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new AppError('invalid_json'), undefined);
    }
  });

  app.addHook('onRoute', (route) => {
    const inApi = route.url.startsWith(API_PREFIX);
    if (inApi && !route.config?.permission) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission (see src/platform/http/types.ts).`,
      );
    }
  });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
  await app.register(cookie); // before our hooks: authentication reads the parsed cookies
  app.addHook('onRequest', authenticationHook(platform));
  app.addHook('preValidation', (request, _reply, done) => {
    const field = unstorableText(request.body, 'body') ?? unstorableText(request.query, 'query');
    const message = 'contains a NUL character or broken Unicode';
    done(field ? new AppError('validation_failed', { errors: [{ field, message }] }) : undefined);
  });
  const idempotency = idempotencyHooks(platform);
  app.addHook('preHandler', idempotency.preHandler);
  app.addHook('onSend', idempotency.onSend);
  app.addHook('onSend', securityHeaders(platform.config));
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        user: request.actor?.userId,
      },
      'request',
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Asylon API',
        version: VERSION,
        description: 'Protection and case management.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'asylon_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    (api, _options, done) => {
      const typed = api as unknown as Api;
      typed.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, () =>
        app.swagger(),
      );
      for (const register of MODULES) register(typed, platform);
      done();
    },
    { prefix: API_PREFIX },
  );

  const hasWeb = fs.existsSync(WEB_DIST + 'index.html');
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD'))
      return sendProblem(reply, new AppError('not_found'));
    if (!hasWeb)
      return reply.type('text/plain').send('The web app is not built: run `npm run build:web`.');
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
