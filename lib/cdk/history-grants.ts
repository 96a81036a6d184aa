import { Aws, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** A deployed workflow by name, as `WorkflowStateMachine` of the Sirocco stack provides it. */
export interface WorkflowStateMachineRef {
  /** Workflow name, equal to the literal state machine name. */
  workflowName: string;
  stateMachine: sfn.IStateMachine;
}

/**
 * Grants item actions on the table alone. `ITable.grant` would add its
 * indexes too, where item writes mean nothing.
 */
export function grantItemActions(
  table: dynamodb.ITable,
  grantee: iam.IGrantable,
  ...actions: string[]
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions, resources: [table.tableArn] }),
  );
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}

/** Grants Query on the table and on the named indexes only. */
export function grantQuery(
  table: dynamodb.ITable,
  grantee: iam.IGrantable,
  indexNames: string[],
): void {
  const indexArns = indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn, ...indexArns] }),
  );
  table.encryptionKey?.grantDecrypt(grantee);
}

/**
 * Grants actions on every execution of one workflow, and acknowledges the
 * `execution:<name>:*` wildcard, because execution ARNs are named at run time.
 * The ARN uses the literal workflow name so that the acknowledgement can name it.
 */
export function grantExecutionActions(
  role: iam.IRole,
  workflow: WorkflowStateMachineRef,
  ...actions: string[]
): void {
  const executions = `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${workflow.workflowName}:*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [executions] }));

  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${workflow.workflowName}:*]`,
    reason: `${actions.join(', ')} act on executions of workflow ${workflow.workflowName}, whose ARNs are named at run time.`,
  });
}
