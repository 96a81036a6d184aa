import { AwsLocation } from './aws-names';

export interface RuntimeUrls {
  stepFunctions: string;
  lambda: string;
  dynamodb: string;
  /** SNS and SES v2 endpoint. */
  outbox: string;
  apiGateway: string;
}

/** Returns the variables that point an AWS SDK client or the AWS CLI at the local services. */
export function clientEnvironment(urls: RuntimeUrls, location: AwsLocation): Record<string, string> {
  return {
    AWS_REGION: location.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_SFN: urls.stepFunctions,
    AWS_ENDPOINT_URL_LAMBDA: urls.lambda,
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
    AWS_ENDPOINT_URL_SNS: urls.outbox,
    AWS_ENDPOINT_URL_SESV2: urls.outbox,
  };
}
