/**
 * Returns the base URL of the action's external system from env `SYSTEM_URL`,
 * which the CDK stack sets from the cdk.json context `sirocco:systems`.
 */
export function requireSystemUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SYSTEM_URL;
  if (!value || !/^https?:\/\//.test(value)) {
    const error = new Error(
      `Invalid SYSTEM_URL ${JSON.stringify(value)}: set it to the system's base URL, such as http://127.0.0.1:4701, ` +
        'through the cdk.json context "sirocco:systems".',
    );
    error.name = 'ConfigurationError';
    throw error;
  }
  return value;
}
