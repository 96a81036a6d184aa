import type { StackResources } from '../../lib/local/assembly/stack-resources';
import type { RuntimePorts } from '../../lib/local/runtime-ports';
import { readWebViewResources } from '../../lib/web/local-resources';
import { DEFAULT_WEB_PORT, webViewPortFor } from '../../lib/web/web-view';

const SALARY_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:salary';
const DEFINITION = { StartAt: 'salary_base', States: { salary_base: { Type: 'Task', End: true }, helper: { Type: 'Pass', End: true } } };

function stack(overrides: Partial<StackResources>): StackResources {
  return {
    stackName: 'Sirocco',
    templatePath: 'Sirocco.template.json',
    functions: [],
    stateMachines: [
      {
        logicalId: 'SalaryStateMachine',
        name: 'salary',
        arn: SALARY_ARN,
        definition: JSON.stringify(DEFINITION),
        type: 'STANDARD',
        roleArn: 'arn:aws:iam::000000000000:role/salary',
      },
    ],
    tables: [],
    topics: [],
    eventRules: [],
    restApis: [],
    unsupported: [],
    warnings: [],
    ...overrides,
  };
}

function restApi(id: string, stage: string, resourcePath: string): StackResources['restApis'][number] {
  return {
    logicalId: id,
    id,
    name: 'Api',
    protocol: 'REST',
    stageNames: [stage],
    binaryMediaTypes: [],
    routes: [{ resourcePath, httpMethod: 'GET', integrationType: 'AWS_PROXY', functionName: 'handler', payloadFormatVersion: '1.0' }],
  };
}

describe('readWebViewResources', () => {
  test('reads the catalog of the control function', () => {
    const catalog = {
      salary: {
        stateMachineArn: SALARY_ARN,
        input: [{ name: 'employee_id' }, { name: 'month', default: '2026-01' }],
        tasks: ['salary_base'],
        approvalTasks: [],
        stateTasks: { 'salary_base.2': 'salary_base' },
      },
    };
    const resources = readWebViewResources([
      stack({
        functions: [
          {
            logicalId: 'ControlApiHandler',
            functionName: 'control',
            arn: 'arn:aws:lambda:us-east-1:000000000000:function:control',
            handler: 'index.handler',
            runtime: 'nodejs20.x',
            timeoutSeconds: 10,
            memorySize: 256,
            environment: { WORKFLOWS: JSON.stringify(catalog), HISTORY_TABLE: 'history' },
          },
        ],
        restApis: [restApi('control', 'v1', '/executions/{id}'), restApi('approvals', 'prod', '/approvals/{id}')],
      }),
    ]);

    expect(resources.workflows).toHaveLength(1);
    expect(resources.workflows[0].tasks).toEqual(['salary_base']);
    expect(resources.workflows[0].stateTasks).toEqual({ 'salary_base.2': 'salary_base' });
    expect(resources.workflows[0].input).toEqual(catalog.salary.input);
    expect(resources.workflows[0].definition).toEqual(DEFINITION);
    expect(resources.controlStagePath).toBe('/v1');
    expect(resources.approvalsStagePath).toBe('/prod');
    expect(resources.historyTable).toBe('history');
  });

  test('falls back to state names without a catalog', () => {
    const resources = readWebViewResources([stack({})]);

    expect(resources.workflows[0].tasks).toEqual(['salary_base', 'helper']);
    expect(resources.workflows[0].input).toEqual([]);
    expect(resources.workflows[0].stateTasks).toEqual({});
    expect(resources.controlStagePath).toBeUndefined();
    expect(resources.historyTable).toBeUndefined();
  });
});

describe('webViewPortFor', () => {
  test.each<[Partial<RuntimePorts> | 0 | undefined, number]>([
    [undefined, DEFAULT_WEB_PORT],
    [0, 0],
    [{ stepFunctions: 0, lambda: 0, dynamodb: 0, outbox: 0, apiGateway: 0 }, 0],
    [{ stepFunctions: 0 }, DEFAULT_WEB_PORT],
    [{ stepFunctions: 4710, lambda: 4711, dynamodb: 4712, outbox: 4713, apiGateway: 4714 }, DEFAULT_WEB_PORT],
  ])('chooses the port for %j', (ports, expected) => {
    expect(webViewPortFor(ports)).toBe(expected);
  });
});
