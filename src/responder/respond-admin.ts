import { jsonAnswer, type HttpAnswer } from './answer.js';
import type { AdminContext, AdminRoute } from './admin/admin-route.js';
import { rulesRoutes } from './admin/rules-routes.js';
import { authenticationRoutes } from './admin/authentication-routes.js';
import { stateRoutes } from './admin/state-routes.js';
import { verificationRoutes } from './admin/verification-routes.js';
import type { PlainRequest } from './plain-request.js';
import { keptText } from '../core/text/kept-text.js';

export type { AdminContext } from './admin/admin-route.js';

/** Every admin endpoint (spec/admin.yaml). Add a route file's list here. */
const routes: readonly AdminRoute[] = [...stateRoutes, ...verificationRoutes, ...rulesRoutes, ...authenticationRoutes];

const compiled = routes.map((route) => ({
  route,
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** The admin API: routes by path and method; wrong methods get 405 with Allow, unknown paths 404 with the list. */
export async function respondAdmin(request: PlainRequest, context: AdminContext): Promise<HttpAnswer> {
  const method = request.method.toUpperCase();
  for (const { route, names, pattern } of compiled) {
    const match = pattern.exec(request.path);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    } catch {
      return jsonAnswer(400, { error: `the ${names.join(', ')} in the path is not valid percent-encoding` });
    }
    const handler = route.methods[method as keyof AdminRoute['methods']];
    if (handler) return handler(request, params, context);
    const allowed = Object.keys(route.methods).join(', ');
    return jsonAnswer(405, { error: `${method} is not allowed on ${keptText(request.path, 300)}; use ${allowed}` }, { allow: allowed });
  }
  const endpoints = routes.map((route) => `${Object.keys(route.methods).join('|')} ${route.path}`);
  return jsonAnswer(404, { error: `no admin endpoint ${keptText(request.path, 300)}`, endpoints });
}
