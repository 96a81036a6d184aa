import { argumentsObject } from './arguments';
import type { Integration } from './integration';
import { callService } from './service-errors';

/** `arn:aws:states:::sns:publish`, optionally `.waitForTaskToken`. */
export function snsPublishIntegration(waitForTaskToken: boolean): Integration {
  return {
    resourceType: 'sns',
    resource: waitForTaskToken ? 'publish.waitForTaskToken' : 'publish',
    waitForTaskToken,
    lambdaFunctionEvents: false,
    async invoke(call) {
      const request = argumentsObject(call.stateName, call.arguments);
      return callService(() => call.run.host.services.snsPublish(request));
    },
  };
}
