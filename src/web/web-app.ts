/**
 * Serves the French web interface (built by Vite into `dist/web`) from the API's own
 * process, so `npm start` serves everything: the built files as they are, and
 * `index.html` for every other GET outside `/api` (the interface's own routes).
 *
 * The build is a handful of small files, read once at start and served from memory;
 * @fastify/static is not used because the test runner cannot load its ESM-only
 * dependencies, and the e2e suites run this same configuration.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The interface's own policy: its scripts, styles and images come from this origin only. */
export const WEB_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * `dist/web`, whether this file runs compiled (`dist/src/web`) or from source under the
 * tests (`src/web`, where the build output is still `dist/web`).
 */
export function defaultWebRoot(): string {
  const projectOrDist = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return basename(projectOrDist) === 'dist' ? join(projectOrDist, 'web') : join(projectOrDist, 'dist', 'web');
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** Registers the interface when it has been built; returns whether it was. */
export function serveWebApp(app: NestFastifyApplication, root = defaultWebRoot()): boolean {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  for (const file of filesUnder(root)) {
    const path = `/${relative(root, file).split(sep).join('/')}`;
    if (path === '/index.html') continue;
    const body = readFileSync(file);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    // Names under assets/ carry their content's hash: cached for good.
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    fastify.get(path, (_request, reply) => reply.header('cache-control', cache).type(type).send(body));
  }
  fastify.get('/*', (request, reply) => {
    // Unknown API paths keep the API's JSON 404.
    if (isApiPath(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
  return true;
}
