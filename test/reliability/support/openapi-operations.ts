/**
 * The routes of the committed OpenAPI document (`openapi/openapi.json`), as the fuzzer
 * needs them: method, path, parameters, JSON body schema and the roles its `x-permission`
 * grants. A route added to the API is fuzzed as soon as the document lists it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../../src/common/actor.js';
import { PERMISSION_ROLES, type Permission } from '../../../src/access/permissions.js';

export interface Operation {
  method: string;
  path: string;
  /** The roles its `x-permission` grants (none for a public route). */
  roles: Role[];
  pathParams: string[];
  queryParams: string[];
  bodySchema?: Record<string, any>;
}

const document = JSON.parse(readFileSync(join(process.cwd(), 'openapi/openapi.json'), 'utf8'));
export const components: Record<string, any> = document.components?.schemas ?? {};
export const OPERATIONS: Operation[] = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
  ([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const parameters: { in: string; name: string }[] = operation.parameters ?? [];
        const content = operation.requestBody?.content ?? {};
        const permission = operation['x-permission'] as Permission | undefined;
        return {
          method: method.toUpperCase(),
          path,
          roles: permission ? [...(PERMISSION_ROLES[permission] ?? [])] : [],
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
          bodySchema: content['application/json']?.schema,
        };
      }),
);

/** The JSON body schema of a route, its `$ref` resolved. */
export function bodySchemaOf(method: string, path: string): Record<string, any> {
  const schema = OPERATIONS.find((operation) => operation.method === method && operation.path === path)?.bodySchema;
  return schema?.$ref ? (components[String(schema.$ref).split('/').pop()!] ?? {}) : (schema ?? {});
}
