import { lambdaFunctionName } from '../aws-names';
import { IntrinsicResolver } from './intrinsics';
import { ApiRoute, RestApiResource } from './stack-resources';
import { CfnResource } from './template-types';

type Properties = Record<string, any>;

/**
 * Reads each `AWS::ApiGateway::RestApi` with its resource tree, methods and
 * stages, as the routes that the local API Gateway serves.
 */
export function readRestApis(resources: [string, CfnResource][], resolver: IntrinsicResolver): RestApiResource[] {
  const ofType = (type: string) =>
    resources
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({
        logicalId,
        id: resolver.physical(logicalId).ref,
        properties: (resolver.resolve(resource.Properties ?? {}) ?? {}) as Properties,
      }));

  const apis = ofType('AWS::ApiGateway::RestApi');
  const apiResources = ofType('AWS::ApiGateway::Resource');
  const methods = ofType('AWS::ApiGateway::Method');
  const stageNames = [...ofType('AWS::ApiGateway::Stage'), ...ofType('AWS::ApiGateway::Deployment')]
    .filter((stage) => stage.properties.StageName)
    .map((stage) => ({ apiId: stage.properties.RestApiId, stageName: String(stage.properties.StageName) }));

  return apis.map((api) => {
    const paths = resourcePaths(resolver.physical(api.logicalId).attributes.RootResourceId, apiResources);
    const routes = methods
      .filter((method) => method.properties.RestApiId === api.id)
      .map((method) => readRoute(method.properties, paths));

    return {
      logicalId: api.logicalId,
      id: api.id,
      name: String(api.properties.Name ?? api.logicalId),
      protocol: 'REST' as const,
      stageNames: [...new Set(stageNames.filter((stage) => stage.apiId === api.id).map((stage) => stage.stageName))],
      binaryMediaTypes: (api.properties.BinaryMediaTypes as string[] | undefined) ?? [],
      routes,
    };
  });
}

function resourcePaths(rootId: string, apiResources: { id: string; properties: Properties }[]): Map<string, string> {
  const paths = new Map<string, string>([[rootId, '/']]);
  let added = true;

  while (added) {
    added = false;
    for (const resource of apiResources) {
      const parentPath = paths.get(resource.properties.ParentId);
      if (parentPath === undefined || paths.has(resource.id)) {
        continue;
      }
      paths.set(resource.id, `${parentPath === '/' ? '' : parentPath}/${resource.properties.PathPart}`);
      added = true;
    }
  }
  return paths;
}

function readRoute(method: Properties, paths: Map<string, string>): ApiRoute {
  const integration = (method.Integration ?? {}) as Properties;
  const functionArn = /functions\/(.+)\/invocations/.exec(String(integration.Uri ?? ''))?.[1];

  return {
    resourcePath: paths.get(method.ResourceId) ?? `/${method.ResourceId}`,
    httpMethod: String(method.HttpMethod).toUpperCase(),
    integrationType: String(integration.Type ?? 'MOCK'),
    functionName: functionArn ? lambdaFunctionName(functionArn) : undefined,
    payloadFormatVersion: '1.0',
  };
}
