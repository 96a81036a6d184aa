import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

import type { StateMachineDefinition } from '../compiler/types';

/** Task resources whose permissions come from the substitutions (functions and state machines). */
export const SUBSTITUTED_RESOURCES = new Set([
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken',
  'arn:aws:states:::states:startExecution',
  'arn:aws:states:::states:startExecution.sync',
  'arn:aws:states:::states:startExecution.sync:2',
]);

/** Returns the distinct `Resource` of every Task state, nested states included, sorted. */
export function listTaskResources(asl: StateMachineDefinition): string[] {
  const resources = new Set<string>();
  collectResources(asl.States, resources);
  return [...resources].sort();
}

function collectResources(states: Record<string, Record<string, unknown>>, resources: Set<string>): void {
  for (const state of Object.values(states)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      resources.add(state.Resource);
    }
    for (const branch of (state.Branches as StateMachineDefinition[] | undefined) ?? []) {
      collectResources(branch.States, resources);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
    if (processor?.States) {
      collectResources(processor.States, resources);
    }
  }
}

/** Returns the permissions of a direct service integration, or undefined for one this stack does not know. */
export function serviceIntegrationStatement(scope: Construct, resource: string): iam.PolicyStatement | undefined {
  const stack = Stack.of(scope);
  switch (resource) {
    case 'arn:aws:states:::sns:publish':
      // NOTE: std.sms publishes to a PhoneNumber, which has no ARN, so SNS needs Resource "*" for it.
      return new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] });
    case 'arn:aws:states:::aws-sdk:sesv2:sendEmail':
      return new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
      });
    default:
      return undefined;
  }
}
