import { argumentsObject } from './arguments';
import type { Integration } from './integration';
import { callService } from './service-errors';

/** `arn:aws:states:::aws-sdk:sesv2:sendEmail`. */
export function sesSendEmailIntegration(): Integration {
  return {
    resourceType: 'aws-sdk:sesv2',
    resource: 'sendEmail',
    waitForTaskToken: false,
    lambdaFunctionEvents: false,
    async invoke(call) {
      const request = argumentsObject(call.stateName, call.arguments);
      return callService(() => call.run.host.services.sesSendEmail(request));
    },
  };
}
