import { createHash } from 'node:crypto';

import {
  AwsLocation,
  dynamoDbTableArn,
  eventRuleArn,
  iamRoleArn,
  lambdaFunctionArn,
  snsTopicArn,
  stateMachineArn,
} from '../aws-names';
import { CfnResource, PhysicalResource } from './template-types';

/**
 * Derives the local physical name, `Ref` value and attributes of a resource.
 * Names the template leaves to CloudFormation become `<stack>-<logicalId>`,
 * without CloudFormation's random suffix, so that they stay stable across
 * restarts of the runtime (the DynamoDB data on disk depends on it).
 */
export function physicalResource(
  logicalId: string,
  resource: CfnResource,
  stackName: string,
  location: AwsLocation,
  explicitName: string | undefined,
): PhysicalResource {
  const generated = generatedName(stackName, logicalId);
  const name = explicitName ?? generated;
  const { region, accountId } = location;

  switch (resource.Type) {
    case 'AWS::Lambda::Function': {
      const functionName = (explicitName ?? generated).slice(0, 64);
      return { ref: functionName, attributes: { Arn: lambdaFunctionArn(functionName, location) } };
    }
    case 'AWS::StepFunctions::StateMachine': {
      const arn = stateMachineArn(name, location);
      return { ref: arn, attributes: { Arn: arn, Name: name } };
    }
    case 'AWS::DynamoDB::Table': {
      const arn = dynamoDbTableArn(name, location);
      return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/local` } };
    }
    case 'AWS::SNS::Topic': {
      const arn = snsTopicArn(name, location);
      return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    case 'AWS::Events::Rule':
      return { ref: name, attributes: { Arn: eventRuleArn(name, location) } };
    case 'AWS::IAM::Role':
      return { ref: name, attributes: { Arn: iamRoleArn(name, location), RoleId: shortId(name, 21).toUpperCase() } };
    case 'AWS::ApiGateway::RestApi': {
      const id = shortId(`${stackName}/${logicalId}`, 10);
      return { ref: id, attributes: { RestApiId: id, RootResourceId: shortId(`${id}/`, 10) } };
    }
    case 'AWS::ApiGateway::Stage':
      return { ref: name, attributes: {} };
    case 'AWS::ApiGatewayV2::Api': {
      const id = shortId(`${stackName}/${logicalId}`, 10);
      return {
        ref: id,
        attributes: { ApiId: id, ApiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com` },
      };
    }
    case 'AWS::Logs::LogGroup':
      return { ref: name, attributes: { Arn: `arn:aws:logs:${region}:${accountId}:log-group:${name}:*` } };
    case 'AWS::SQS::Queue':
      return {
        ref: `https://sqs.${region}.amazonaws.com/${accountId}/${name}`,
        attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name },
      };
    case 'AWS::KMS::Key': {
      const keyId = uuidLike(`${stackName}/${logicalId}`);
      return { ref: keyId, attributes: { Arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`, KeyId: keyId } };
    }
    default:
      return { ref: shortId(`${stackName}/${logicalId}`, 12), attributes: {} };
  }
}

/** The property that sets a resource's physical name, by resource type. */
export const NAME_PROPERTIES: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::Rule': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::ApiGateway::Stage': 'StageName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SQS::Queue': 'QueueName',
};

function generatedName(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}`;
}

/** Returns a key id in the UUID form that KMS uses, the same for the same seed. */
function uuidLike(seed: string): string {
  const hex = shortId(seed, 32);
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

function shortId(seed: string, length: number): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, length);
}
