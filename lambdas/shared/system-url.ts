/**
 * Returns the base URL of the action's external system from env `SYSTEM_URL`,
 * which the CDK stack sets from the cdk.json context `sirocco:systems`. The
 * stack leaves `SYSTEM_URL` out when that context has no URL of the system, so
 * an action that calls its system fails here, at call time, and not at synth.
 */
export function requireSystemUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SYSTEM_URL;
  if (value === undefined || value === '') {
    throw configurationError(missingSystemUrlMessage(actionSystemOf(env)));
  }
  if (!/^https?:\/\//.test(value)) {
    throw configurationError(
      `Invalid SYSTEM_URL ${JSON.stringify(value)}: set it to the system's base URL, such as http://127.0.0.1:4701, ` +
        'through the cdk.json context "sirocco:systems".',
    );
  }
  return value;
}

/**
 * Returns the `<system>` part of the action in `POWERTOOLS_SERVICE_NAME`,
 * which the CDK stack sets on every action function, or undefined for a
 * function that is not an action.
 */
export function actionSystemOf(env: Record<string, string | undefined>): string | undefined {
  return /^([^.]+)\./.exec(env.POWERTOOLS_SERVICE_NAME ?? '')?.[1];
}

function missingSystemUrlMessage(system: string | undefined): string {
  if (system === undefined) {
    return (
      'Missing SYSTEM_URL: add the base URL of the system of this action (the <system> part of <system>.<name>) ' +
      'to the cdk.json context "sirocco:systems", and synthesize again.'
    );
  }
  const example = JSON.stringify({ [system]: `https://${system}.example.com` });
  return (
    `Missing SYSTEM_URL: the cdk.json context "sirocco:systems" has no base URL of system "${system}". ` +
    `Add it, as in ${example}, and synthesize again.`
  );
}

function configurationError(message: string): Error {
  const error = new Error(message);
  error.name = 'ConfigurationError';
  return error;
}
