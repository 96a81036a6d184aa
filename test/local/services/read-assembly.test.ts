import * as fs from 'node:fs';
import * as path from 'node:path';

import { findStackTemplates, readAssembly } from '../../../lib/local/assembly/read-assembly';
import { StackResources } from '../../../lib/local/assembly/stack-resources';

const FIXTURES = path.join(__dirname, 'fixtures');

function readFixtureStack(): StackResources {
  const [stack] = readAssembly(prepareAssembly());
  return stack;
}

function prepareAssembly(): string {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sirocco-read-'));
  fs.copyFileSync(path.join(FIXTURES, 'manifest.json'), path.join(dir, 'manifest.json'));
  fs.copyFileSync(path.join(FIXTURES, 'stack.template.json'), path.join(dir, 'SiroccoTest.template.json'));
  return dir;
}

describe('readAssembly on the fixture template', () => {
  const stack = readFixtureStack();
  const echo = stack.functions.find((fn) => fn.logicalId === 'EchoFunction')!;
  const apiId = stack.restApis[0].id;

  it('finds the stack in the manifest', () => {
    expect(stack.stackName).toBe('SiroccoTest');
    expect(stack.templatePath.endsWith('SiroccoTest.template.json')).toBe(true);
  });

  it('reads Lambda settings and defaults', () => {
    expect(echo.functionName).toBe('echo');
    expect(echo.arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:echo');
    expect(echo.handler).toBe('index.handler');
    expect(echo.memorySize).toBe(256);
    expect(echo.timeoutSeconds).toBe(3);
    expect(echo.assetPath?.endsWith('asset.echo')).toBe(true);

    const slow = stack.functions.find((fn) => fn.logicalId === 'SlowFunction')!;
    expect(slow.functionName).toBe('SiroccoTest-SlowFunction');
    expect(slow.timeoutSeconds).toBe(1);
    expect(slow.memorySize).toBe(128);
  });

  it.each([
    ['SYSTEM_URL', 'http://127.0.0.1:4701'],
    ['HISTORY_TABLE', 'SiroccoTest-HistoryTable'],
    ['TOPIC_ARN', 'arn:aws:sns:us-east-1:000000000000:sirocco-alerts'],
    ['ROLE_ARN', 'arn:aws:iam::000000000000:role/SiroccoTest-EchoRole'],
    ['QUEUE_NAME', 'SiroccoTest-queue-${Literal}'],
    ['TABLE_ARN_SUFFIX', 'SiroccoTest-HistoryTable'],
    ['STAGE', 'local'],
  ])('resolves environment variable %s', (name, expected) => {
    expect(echo.environment[name]).toBe(expected);
  });

  it('resolves the API URL from Ref and pseudo parameters', () => {
    expect(echo.environment.API_URL).toBe(`https://${apiId}.execute-api.us-east-1.amazonaws.com/prod/`);
  });

  it('drops a value set to AWS::NoValue', () => {
    expect('OPTIONAL' in echo.environment).toBe(false);
  });

  it('applies DefinitionSubstitutions to the state machine', () => {
    const [machine] = stack.stateMachines;
    const definition = JSON.parse(machine.definition);

    expect(machine.name).toBe('salary');
    expect(machine.arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:salary');
    expect(machine.type).toBe('STANDARD');
    expect(definition.States.echo.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(definition.States.echo.Arguments.FunctionName).toBe(echo.arn);
  });

  it('reads the table keys, indexes and TTL', () => {
    const [table] = stack.tables;

    expect(table.tableName).toBe('SiroccoTest-HistoryTable');
    expect(table.keySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.globalSecondaryIndexes.map((index) => index.IndexName)).toEqual(['byWorkflow', 'byStatus']);
    expect(table.billingMode).toBe('PAY_PER_REQUEST');
    expect(table.timeToLiveAttribute).toBe('expiresAt');
    expect(table.pointInTimeRecovery).toBe(true);
  });

  it('merges inline and separate topic subscriptions', () => {
    expect(stack.topics).toHaveLength(1);
    expect(stack.topics[0].subscriptions).toEqual([
      { protocol: 'sms', endpoint: '+15550100' },
      { protocol: 'email', endpoint: 'ops@example.com' },
    ]);
  });

  it('skips resources whose condition is false', () => {
    const logicalIds = [...stack.topics, ...stack.unsupported].map((resource) => resource.logicalId);
    expect(logicalIds).not.toContain('ProductionOnlyTopic');
  });

  it('reads the event rule pattern and targets', () => {
    const [rule] = stack.eventRules;

    expect(rule.enabled).toBe(true);
    expect(rule.eventPattern?.detail).toEqual({
      status: ['FAILED', 'TIMED_OUT'],
      stateMachineArn: ['arn:aws:states:us-east-1:000000000000:stateMachine:salary'],
    });
    expect(rule.targets).toEqual([
      { id: 'Target0', arn: 'arn:aws:lambda:us-east-1:000000000000:function:SiroccoTest-StoreFunction' },
      {
        id: 'Target1',
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:SiroccoTest-FailFunction',
        deadLetterQueueArn: 'arn:aws:sqs:us-east-1:000000000000:SiroccoTest-FailureDeadLetterQueue',
      },
    ]);
  });

  it('builds REST API routes from the resource tree', () => {
    const [api] = stack.restApis;

    expect(api.name).toBe('approvals');
    expect(api.protocol).toBe('REST');
    expect(api.stageNames).toEqual(['prod']);
    expect(api.routes).toEqual([
      {
        resourcePath: '/approvals/{id}',
        httpMethod: 'GET',
        integrationType: 'AWS_PROXY',
        functionName: 'SiroccoTest-ApiFunction',
        payloadFormatVersion: '1.0',
      },
      {
        resourcePath: '/approvals/{id}',
        httpMethod: 'POST',
        integrationType: 'AWS_PROXY',
        functionName: 'SiroccoTest-FailFunction',
        payloadFormatVersion: '1.0',
      },
      {
        resourcePath: '/files/{proxy+}',
        httpMethod: 'ANY',
        integrationType: 'AWS_PROXY',
        functionName: 'SiroccoTest-ApiFunction',
        payloadFormatVersion: '1.0',
      },
    ]);
  });

  it('reads HTTP API routes and integrations', () => {
    const api = stack.restApis.find((candidate) => candidate.protocol === 'HTTP')!;

    expect(api.name).toBe('events');
    expect(api.stageNames).toEqual([]);
    expect(api.routes).toEqual([
      {
        resourcePath: '/events/{id}',
        httpMethod: 'GET',
        integrationType: 'AWS_PROXY',
        functionName: 'SiroccoTest-ApiFunction',
        payloadFormatVersion: '2.0',
      },
      {
        resourcePath: '/echo/{proxy+}',
        httpMethod: 'ANY',
        integrationType: 'AWS_PROXY',
        functionName: 'echo',
        payloadFormatVersion: '2.0',
      },
    ]);
  });

  it('lists resource types it does not run', () => {
    expect(stack.unsupported).toEqual([
      { logicalId: 'EchoRole', type: 'AWS::IAM::Role' },
      { logicalId: 'FailureDeadLetterQueue', type: 'AWS::SQS::Queue' },
    ]);
    expect(stack.warnings).toEqual([]);
  });
});

describe('findStackTemplates', () => {
  it('reads stacks of nested assemblies', () => {
    const outer = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sirocco-nested-'));
    const inner = path.join(outer, 'assembly-Dev');
    fs.mkdirSync(inner);
    fs.writeFileSync(
      path.join(outer, 'manifest.json'),
      JSON.stringify({ artifacts: { Dev: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Dev' } } } }),
    );
    fs.writeFileSync(
      path.join(inner, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          DevSirocco: { type: 'aws:cloudformation:stack', properties: { templateFile: 'DevSirocco.template.json', stackName: 'Dev-Sirocco' } },
        },
      }),
    );

    expect(findStackTemplates(outer)).toEqual([
      { stackName: 'Dev-Sirocco', templatePath: path.join(inner, 'DevSirocco.template.json'), assemblyDir: inner },
    ]);
  });

  it('rejects a missing folder with the fix', () => {
    expect(() => findStackTemplates('/nonexistent/cdk.out')).toThrow(
      "Cloud assembly folder /nonexistent/cdk.out does not exist. Run 'npx cdk synth' first.",
    );
  });
});
