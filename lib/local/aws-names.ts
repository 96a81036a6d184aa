/** Region, account and ARN formats of the local runtime, as AWS writes them. */

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface AwsLocation {
  region: string;
  accountId: string;
}

export const LOCAL_LOCATION: AwsLocation = {
  region: LOCAL_REGION,
  accountId: LOCAL_ACCOUNT_ID,
};

export function lambdaFunctionArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:lambda:${at.region}:${at.accountId}:function:${name}`;
}

export function stateMachineArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:states:${at.region}:${at.accountId}:stateMachine:${name}`;
}

export function dynamoDbTableArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:dynamodb:${at.region}:${at.accountId}:table/${name}`;
}

export function snsTopicArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:sns:${at.region}:${at.accountId}:${name}`;
}

export function eventRuleArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:events:${at.region}:${at.accountId}:rule/${name}`;
}

export function iamRoleArn(name: string, at = LOCAL_LOCATION): string {
  return `arn:aws:iam::${at.accountId}:role/${name}`;
}

/**
 * Extracts the function name from a name, a full or partial Lambda ARN
 * (`function:name`, `account:function:name`), with or without a qualifier.
 */
export function lambdaFunctionName(nameOrArn: string): string {
  const parts = nameOrArn.split(':');
  const index = parts.indexOf('function');

  if (index === -1) {
    return parts[0];
  }
  return parts[index + 1] ?? '';
}
