import { Annotations, ArnFormat, CfnElement, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import type { Substitution, WorkflowMetadata } from '../compiler/types';
import type { CompiledWorkflow } from './compiled-workflow';
import { listTaskResources, serviceIntegrationStatement, SUBSTITUTED_RESOURCES } from './task-integrations';

export interface WorkflowStateMachineProps {
  workflow: CompiledWorkflow;
  /** Function of each action, by action name. It must contain every action of the workflow. */
  actionFunctions: ReadonlyMap<string, lambda.IFunction>;
  /**
   * Retention of the execution log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  logRetention?: logs.RetentionDays;
}

/** Function name in the ARN substituted for `${ApprovalRequestFunction}` while no approval function is set. */
export const MISSING_APPROVAL_FUNCTION_NAME = 'sirocco-approval-request-function-not-set';


/**
 * One Standard state machine that runs a compiled workflow. The ASL goes in
 * as a string, so CDK adds no permissions for it, and this construct grants
 * each integration that the ASL uses.
 */
export class WorkflowStateMachine extends Construct {
  readonly workflowName: string;
  /** Compiler metadata of the workflow: tasks, inputs, actions and substitutions. */
  readonly metadata: WorkflowMetadata;
  readonly stateMachine: sfn.StateMachine;
  /**
   * The same state machine, with an ARN built from its name instead of a
   * reference. Grant with it on resources that the state machine depends on,
   * such as the approval request function, to avoid a dependency cycle.
   */
  readonly stateMachineByName: sfn.IStateMachine;
  readonly logGroup: logs.LogGroup;
  /** Actions of the workflow, as `<system>.<name>`. */
  readonly actions: readonly string[];
  /** True when a task of the workflow is `std.approval`. */
  readonly usesApproval: boolean;

  private approvalRequestFunction?: lambda.IFunction;
  private readonly unsupportedResources: string[];

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    const { asl, metadata } = props.workflow;
    this.workflowName = metadata.name;
    this.metadata = metadata;
    this.actions = metadata.actions;
    this.usesApproval = metadata.substitutions.some((substitution) => substitution.kind === 'approval');

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/vendedlogs/states/${metadata.name}`,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: metadata.name,
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: metadata.description,
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(asl)),
      definitionSubstitutions: this.renderSubstitutions(metadata.substitutions, props.actionFunctions),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    this.stateMachineByName = sfn.StateMachine.fromStateMachineName(this, 'ByName', metadata.name);

    this.grantSubstitutions(metadata.substitutions, props.actionFunctions);
    this.unsupportedResources = this.grantServiceIntegrations(listTaskResources(asl));
    this.node.addValidation({ validate: () => this.validate() });
    this.acknowledgeManagedPermissions();
  }

  /**
   * Sets the function that `std.approval` tasks invoke with a task token, and
   * allows this state machine to invoke it. Call it once, before synthesis.
   */
  setApprovalRequestFunction(fn: lambda.IFunction): void {
    if (this.approvalRequestFunction) {
      throw new Error(`Workflow "${this.workflowName}" already has an approval request function.`);
    }
    this.approvalRequestFunction = fn;
    if (this.usesApproval) {
      this.grantInvoke(fn);
    }
  }

  private renderSubstitutions(
    substitutions: Substitution[],
    actionFunctions: ReadonlyMap<string, lambda.IFunction>,
  ): Record<string, string> {
    const values: Record<string, string> = {};
    for (const substitution of substitutions) {
      values[substitution.key] = this.renderSubstitution(substitution, actionFunctions);
    }
    return values;
  }

  private renderSubstitution(
    substitution: Substitution,
    actionFunctions: ReadonlyMap<string, lambda.IFunction>,
  ): string {
    switch (substitution.kind) {
      case 'action':
      case 'std':
        return requireActionFunction(actionFunctions, substitution.action, this.workflowName).functionArn;
      case 'approval':
        return Lazy.string({
          produce: () => this.approvalRequestFunction?.functionArn ?? this.missingApprovalRequestFunctionArn(),
        });
      case 'workflow':
        return stateMachineArn(this, substitution.workflow);
    }
  }

  private grantSubstitutions(
    substitutions: Substitution[],
    actionFunctions: ReadonlyMap<string, lambda.IFunction>,
  ): void {
    for (const substitution of substitutions) {
      if (substitution.kind === 'action' || substitution.kind === 'std') {
        this.grantInvoke(requireActionFunction(actionFunctions, substitution.action, this.workflowName));
      }
      if (substitution.kind === 'workflow') {
        this.grantStartWorkflow(substitution.workflow);
      }
    }
  }

  /** Grants what `states:startExecution.sync:2` needs: start, describe and stop, and its managed EventBridge rule. */
  private grantStartWorkflow(workflow: string): void {
    const stack = Stack.of(this);
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn(this, workflow)] }),
    );
    Validations.of(this.stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${workflow}:*]`,
      reason: 'DescribeExecution and StopExecution of a started sub-workflow need its execution ARNs, named at run time.',
    });
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [
          stack.formatArn({
            service: 'states',
            resource: 'execution',
            resourceName: `${workflow}:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [
          stack.formatArn({
            service: 'events',
            resource: 'rule',
            resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule',
          }),
        ],
      }),
    );
  }

  /** Grants the direct service integrations and returns the Task resources it does not support. */
  private grantServiceIntegrations(resources: string[]): string[] {
    const unsupported: string[] = [];
    for (const resource of resources) {
      if (SUBSTITUTED_RESOURCES.has(resource)) {
        continue;
      }
      const statement = serviceIntegrationStatement(this, resource);
      if (statement) {
        this.stateMachine.addToRolePolicy(statement);
        this.acknowledgeServiceIntegration(resource);
      } else {
        unsupported.push(resource);
      }
    }
    return unsupported;
  }

  private validate(): string[] {
    const errors = this.unsupportedResources.map(
      (resource) =>
        `Workflow "${this.workflowName}" uses the Task resource "${resource}", which the CDK stack cannot grant yet: ` +
        'add its permissions to WorkflowStateMachine.',
    );
    return errors;
  }

  /**
   * Returns the ARN of a function that does not exist, and warns, so that the
   * stack still synthesizes before the approvals construct is wired in.
   * An execution then fails at its approval task with Lambda.ResourceNotFoundException.
   */
  private missingApprovalRequestFunctionArn(): string {
    Annotations.of(this).addWarningV2(
      'sirocco:approvalRequestFunctionMissing',
      `Workflow "${this.workflowName}" uses std.approval, but no approval request function is set, so its approval ` +
        'tasks will fail: call SiroccoStack.setApprovalRequestFunction() with the function of lambdas/approvals/request.ts.',
    );
    return Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: MISSING_APPROVAL_FUNCTION_NAME,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** Acknowledges the cdk-nag findings of the CDK-managed logging and tracing permissions. */
  private acknowledgeManagedPermissions(): void {
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs log delivery actions and X-Ray PutTraceSegments support no resource-level permissions, ' +
        'so logging and tracing of a state machine need Resource "*".',
    });
  }

  private acknowledgeServiceIntegration(resource: string): void {
    if (resource === 'arn:aws:states:::sns:publish') {
      Validations.of(this.stateMachine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'std.sms publishes to a phone number, which has no ARN, so sns:Publish needs Resource "*".',
      });
    }
    if (resource === 'arn:aws:states:::aws-sdk:sesv2:sendEmail') {
      Validations.of(this.stateMachine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason: 'std.email may send from any verified SES identity of the account, named in the workflow.',
      });
    }
  }

  /** Allows this state machine to invoke exactly this function, its versions and its aliases. */
  private grantInvoke(fn: lambda.IFunction): void {
    fn.grantInvoke(this.stateMachine);

    const resource = fn.node.defaultChild;
    if (resource instanceof CfnElement) {
      const logicalId = Stack.of(resource).getLogicalId(resource);
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on ARN:* covers the versions and aliases of this one function only.',
      });
    }
  }
}

/** Returns the ARN of a workflow's state machine from its name, which avoids a reference cycle between workflows. */
function stateMachineArn(scope: Construct, workflow: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: workflow,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

function requireActionFunction(
  actionFunctions: ReadonlyMap<string, lambda.IFunction>,
  action: string,
  workflow: string,
): lambda.IFunction {
  const fn = actionFunctions.get(action);
  if (!fn) {
    throw new Error(`Workflow "${workflow}" uses action "${action}", but the stack has no function for it.`);
  }
  return fn;
}
