import type { LambdaFunctionResource } from '../../lib/local/assembly/stack-resources';
import type { SampleSystems } from '../../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../../lib/samples/system-url-overrides';

const SYSTEMS = { accountingUrl: 'http://127.0.0.1:41001', bonusUrl: 'http://127.0.0.1:41002' } as SampleSystems;

function actionFunction(action: string, systemUrl?: string): LambdaFunctionResource {
  return {
    logicalId: action.replace(/\W/g, ''),
    functionName: action,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${action}`,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    timeoutSeconds: 30,
    memorySize: 256,
    environment: { POWERTOOLS_SERVICE_NAME: action, ...(systemUrl === undefined ? {} : { SYSTEM_URL: systemUrl }) },
  };
}

describe('sampleSystemOverrides', () => {
  const overrides = sampleSystemOverrides(SYSTEMS);

  test('points an action of a sample system at the sample', () => {
    expect(overrides.environmentOf(actionFunction('bonus.calculate', 'https://bonus.example.com'))).toEqual({ SYSTEM_URL: SYSTEMS.bonusUrl });
  });

  test('points an action without a URL in cdk.json at the sample', () => {
    expect(overrides.environmentOf(actionFunction('accounting.salary_base'))).toEqual({ SYSTEM_URL: SYSTEMS.accountingUrl });
  });

  test.each(['demo.double', 'std.http', 'sirocco-history'])('leaves %s alone', (service) => {
    expect(overrides.environmentOf(actionFunction(service, 'https://other.example.com'))).toEqual({});
  });

  test('names each replaced URL once', () => {
    const functions = [
      actionFunction('accounting.salary_base', 'http://127.0.0.1:5001'),
      actionFunction('accounting.record_payroll', 'http://127.0.0.1:5001'),
      actionFunction('bonus.calculate'),
    ];

    expect(overrides.describe(functions)).toBe(
      'Replaced the system URLs with the sample systems: accounting http://127.0.0.1:5001 with http://127.0.0.1:41001, ' +
        'bonus (no URL in cdk.json) with http://127.0.0.1:41002. Pass --no-samples to call the URLs of cdk.json.',
    );
  });

  test('says nothing when the URLs are already the samples', () => {
    expect(overrides.describe([actionFunction('bonus.calculate', SYSTEMS.bonusUrl)])).toBeUndefined();
  });
});
