import { RestApiResource } from './assembly/stack-resources';
import { AwsLocation } from './aws-names';

/**
 * Returns a function that rewrites the template's API Gateway URLs
 * (`https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/...`) to the
 * local API Gateway, so that links built from them (approval links, for
 * example) open locally. The stage segment is kept because the local server
 * accepts it.
 */
export function apiUrlRewriter(apis: RestApiResource[], location: AwsLocation, localUrl: string): (value: string) => string {
  const hosts = apis.map((api) => `https://${api.id}.execute-api.${location.region}.amazonaws.com`);

  return (value) => hosts.reduce((text, host) => text.split(host).join(localUrl), value);
}
