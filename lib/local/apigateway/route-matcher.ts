import { ApiRoute } from '../assembly/stack-resources';

export interface RouteMatch {
  route: ApiRoute;
  /** Values of the `{name}` and `{name+}` segments, decoded. */
  pathParameters: Record<string, string>;
}

/**
 * Finds the route for a request path as API Gateway does: literal segments
 * win over `{param}` segments, which win over a greedy `{proxy+}`, and an
 * exact method wins over `ANY`. An HTTP API's `$default` route matches any
 * request that no other route matches.
 */
export function matchRoute(routes: ApiRoute[], httpMethod: string, path: string): RouteMatch | undefined {
  const segments = splitPath(path);
  const candidates = routes
    .map((route) => ({ route, pathParameters: matchPath(splitPath(route.resourcePath), segments) }))
    .filter((candidate): candidate is RouteMatch => candidate.pathParameters !== undefined)
    .filter((candidate) => candidate.route.httpMethod === httpMethod || candidate.route.httpMethod === 'ANY');

  candidates.sort((a, b) => specificity(b.route) - specificity(a.route));
  return candidates[0];
}

function matchPath(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length === 1 && template[0] === '$default') {
    return {};
  }
  const parameters: Record<string, string> = {};

  for (let index = 0; index < template.length; index += 1) {
    const part = template[index];
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      if (index >= segments.length) {
        return undefined;
      }
      parameters[greedy[1]] = segments.slice(index).map(decodeURIComponent).join('/');
      return parameters;
    }

    const segment = segments[index];
    if (segment === undefined) {
      return undefined;
    }
    const parameter = /^\{(.+)\}$/.exec(part);
    if (parameter) {
      parameters[parameter[1]] = decodeURIComponent(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return template.length === segments.length ? parameters : undefined;
}

/** Ranks a route so that more literal paths and exact methods sort first. */
function specificity(route: ApiRoute): number {
  if (route.resourcePath === '$default') {
    return -1;
  }
  const parts = splitPath(route.resourcePath);
  const score = parts.reduce((total, part) => {
    if (/^\{.+\+\}$/.test(part)) {
      return total;
    }
    return total + (part.startsWith('{') ? 10 : 100);
  }, 0);
  return score * 2 + (route.httpMethod === 'ANY' ? 0 : 1);
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}
