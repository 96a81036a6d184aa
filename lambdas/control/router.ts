import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ControlContext } from './context';
import { HttpError } from './http';
import { completeTask } from './routes/complete-task';
import { describeExecution } from './routes/describe-execution';
import { listExecutions } from './routes/list-executions';
import { redriveExecution } from './routes/redrive-execution';
import { resumeExecution } from './routes/resume-execution';
import { startExecution } from './routes/start-execution';
import { stopExecution } from './routes/stop-execution';

type RouteHandler = (
  context: ControlContext,
  event: APIGatewayProxyEvent,
) => Promise<APIGatewayProxyResult>;

interface Route {
  method: string;
  /** API Gateway resource path, with `{parameter}` segments. */
  resource: string;
  handle: RouteHandler;
}

export const ROUTES: Route[] = [
  { method: 'POST', resource: '/workflows/{name}/executions', handle: startExecution },
  { method: 'GET', resource: '/workflows/{name}/executions', handle: listExecutions },
  { method: 'GET', resource: '/executions/{id}', handle: describeExecution },
  { method: 'POST', resource: '/executions/{id}/redrive', handle: redriveExecution },
  { method: 'POST', resource: '/executions/{id}/stop', handle: stopExecution },
  { method: 'POST', resource: '/executions/{id}/resume', handle: resumeExecution },
  { method: 'POST', resource: '/executions/{id}/tasks/{task}/complete', handle: completeTask },
];

/**
 * Finds the route of a proxy event by its `resource`, or by matching `path`
 * when the event has no known resource. Returns the event with its path
 * parameters filled in.
 */
export function matchRoute(event: APIGatewayProxyEvent): {
  route: Route;
  event: APIGatewayProxyEvent;
} {
  let candidates = ROUTES.filter((route) => route.resource === event.resource);
  let pathParameters = event.pathParameters;
  if (candidates.length === 0) {
    for (const route of ROUTES) {
      const parameters = matchPath(route.resource, event.path ?? '');
      if (parameters) {
        candidates.push(route);
        pathParameters = parameters;
      }
    }
    candidates = candidates.filter((route, index) => candidates.indexOf(route) === index);
  }
  if (candidates.length === 0) {
    throw new HttpError(404, 'NotFound', `No route matches ${event.httpMethod} ${event.path}.`);
  }

  const route = candidates.find((candidate) => candidate.method === event.httpMethod);
  if (!route) {
    const allowed = candidates.map((candidate) => candidate.method).join(', ');
    throw new HttpError(405, 'MethodNotAllowed', `${event.httpMethod} is not allowed on ${event.path}: use ${allowed}.`);
  }
  return { route, event: { ...event, pathParameters } };
}

/** Matches a path such as `/executions/abc/stop` against `/executions/{id}/stop`. */
export function matchPath(resource: string, path: string): Record<string, string> | undefined {
  const resourceSegments = resource.split('/').filter(Boolean);
  const pathSegments = path.split('/').filter(Boolean);
  if (resourceSegments.length !== pathSegments.length) return undefined;

  const parameters: Record<string, string> = {};
  for (let index = 0; index < resourceSegments.length; index++) {
    const expected = resourceSegments[index];
    const actual = pathSegments[index];
    if (expected.startsWith('{') && expected.endsWith('}')) {
      parameters[expected.slice(1, -1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return parameters;
}
