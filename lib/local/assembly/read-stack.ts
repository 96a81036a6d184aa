import { AwsLocation } from '../aws-names';
import { IntrinsicResolver } from './intrinsics';
import { readEventRule } from './read-event-rules';
import { readLambdaFunction } from './read-functions';
import { readHttpApis } from './read-http-apis';
import { readRestApis } from './read-rest-apis';
import { readStateMachine } from './read-state-machines';
import { readTable } from './read-tables';
import { readTopics } from './read-topics';
import { readSchedule } from '../scheduler/read-schedules';
import { StackResources } from './stack-resources';
import { CfnTemplate } from './template-types';

/** Resource types that the runtime reads, including those only read as parts of another. */
const READ_TYPES = new Set([
  'AWS::Lambda::Function',
  'AWS::StepFunctions::StateMachine',
  'AWS::DynamoDB::Table',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
]);

export interface ReadStackOptions {
  template: CfnTemplate;
  stackName: string;
  templatePath: string;
  /** Folder of the cloud assembly, against which asset paths resolve. */
  assemblyDir: string;
  location: AwsLocation;
}

/** Lists a stack's resources with their intrinsic functions resolved to local names and ARNs. */
export function readStack(options: ReadStackOptions): StackResources {
  const { template, stackName, assemblyDir, location } = options;
  const resolver = new IntrinsicResolver(template, stackName, location);
  const resources = Object.entries(template.Resources ?? {}).filter(
    ([, resource]) => !resource.Condition || resolver.condition(resource.Condition),
  );
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);

  const stack: StackResources = {
    stackName,
    templatePath: options.templatePath,
    functions: ofType('AWS::Lambda::Function').map(([id, resource]) =>
      readLambdaFunction(id, resource, resolver, assemblyDir),
    ),
    stateMachines: ofType('AWS::StepFunctions::StateMachine').map(([id, resource]) =>
      readStateMachine(id, resource, resolver),
    ),
    tables: ofType('AWS::DynamoDB::Table').map(([id, resource]) => readTable(id, resource, resolver)),
    topics: readTopics(resources, resolver),
    eventRules: ofType('AWS::Events::Rule').map(([id, resource]) => readEventRule(id, resource, resolver)),
    schedules: ofType('AWS::Scheduler::Schedule').map(([id, resource]) => readSchedule(id, resource, resolver)),
    restApis: [...readRestApis(resources, resolver), ...readHttpApis(resources, resolver)],
    unsupported: resources
      .filter(([, resource]) => !READ_TYPES.has(resource.Type))
      .map(([logicalId, resource]) => ({ logicalId, type: resource.Type })),
    warnings: resolver.warnings,
  };
  return stack;
}
