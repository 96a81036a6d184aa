import { lambdaFunctionName } from '../aws-names';
import { IntrinsicResolver } from './intrinsics';
import { ApiRoute, RestApiResource } from './stack-resources';
import { CfnResource } from './template-types';

type Properties = Record<string, any>;

/**
 * Reads each HTTP API (`AWS::ApiGatewayV2::Api` with ProtocolType HTTP) with
 * its routes, integrations and stages. A `$default` stage serves without a
 * path prefix, which the local server always allows.
 */
export function readHttpApis(resources: [string, CfnResource][], resolver: IntrinsicResolver): RestApiResource[] {
  const ofType = (type: string) =>
    resources
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({
        logicalId,
        id: resolver.physical(logicalId).ref,
        properties: (resolver.resolve(resource.Properties ?? {}) ?? {}) as Properties,
      }));

  const apis = ofType('AWS::ApiGatewayV2::Api').filter((api) => (api.properties.ProtocolType ?? 'HTTP') === 'HTTP');
  const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').map((integration) => [integration.id, integration.properties]));
  const routes = ofType('AWS::ApiGatewayV2::Route');
  const stages = ofType('AWS::ApiGatewayV2::Stage');

  return apis.map((api) => ({
    logicalId: api.logicalId,
    id: api.id,
    name: String(api.properties.Name ?? api.logicalId),
    protocol: 'HTTP' as const,
    stageNames: stages
      .filter((stage) => stage.properties.ApiId === api.id && stage.properties.StageName !== '$default')
      .map((stage) => String(stage.properties.StageName)),
    binaryMediaTypes: [],
    routes: routes
      .filter((route) => route.properties.ApiId === api.id)
      .map((route) => readRoute(route.properties, integrations)),
  }));
}

function readRoute(route: Properties, integrations: Map<string, Properties>): ApiRoute {
  const routeKey = String(route.RouteKey);
  const [httpMethod, resourcePath] = routeKey === '$default' ? ['ANY', '$default'] : routeKey.split(' ');
  const integrationId = String(route.Target ?? '').replace(/^integrations\//, '');
  const integration = integrations.get(integrationId) ?? {};
  const uri = String(integration.IntegrationUri ?? '');
  const functionArn = /functions\/(.+)\/invocations/.exec(uri)?.[1] ?? (uri.startsWith('arn:aws:lambda:') ? uri : undefined);

  return {
    resourcePath,
    httpMethod: httpMethod.toUpperCase(),
    integrationType: String(integration.IntegrationType ?? 'MOCK'),
    functionName: functionArn ? lambdaFunctionName(functionArn) : undefined,
    payloadFormatVersion: integration.PayloadFormatVersion === '1.0' ? '1.0' : '2.0',
  };
}
