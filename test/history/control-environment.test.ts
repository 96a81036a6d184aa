import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';

import { eventually } from '../local/services/eventually';
import { startControlApp, type ControlApp } from '../support/control-app';

const SOURCE = `version: '2.0'
name: env_echo
input: [month]
tasks:
  show:
    action: std.echo
    input:
      output: <% $.month %>
output:
  month: <% task(show).result %>
  region: <% env().region %>
`;

let app: ControlApp;

async function finished(executionArn: string) {
  return eventually('the execution to end', async () => {
    const described = await app.sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}

beforeAll(async () => {
  app = await startControlApp('env_echo', SOURCE);
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

describe('control API start with an environment', () => {
  it('passes env to the execution as __env', async () => {
    const started = await app.start({ month: '2026-11', env: { region: 'eu-west-1' } });

    expect(started.status).toBe(202);
    const execution = await finished(started.body.executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input ?? '{}')).toStrictEqual({ month: '2026-11', __env: { region: 'eu-west-1' } });
    expect(JSON.parse(execution.output ?? '{}')).toStrictEqual({ month: '2026-11', region: 'eu-west-1' });
  });

  it('starts without env', async () => {
    const started = await app.start({ month: '2026-12' });

    expect(started.status).toBe(202);
    const execution = await finished(started.body.executionArn);
    expect(JSON.parse(execution.input ?? '{}')).toStrictEqual({ month: '2026-12' });
    expect(JSON.parse(execution.output ?? '{}')).toStrictEqual({ month: '2026-12' });
  });

  it('rejects an env that is not an object', async () => {
    const started = await app.start({ month: '2026-11', env: 'eu-west-1' });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidEnvironment');
    expect(started.body.message).toBe('The "env" field is "eu-west-1": send the environment as a JSON object, such as {"region": "eu-west-1"}.');
  });

  it('rejects __env among the input fields', async () => {
    const started = await app.start({ month: '2026-11', __env: { region: 'eu-west-1' } });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidInput');
    expect(started.body.fields).toStrictEqual([
      {
        field: '__env',
        message: 'Input field "__env" is reserved for the environment that env() reads: pass the environment as the "env" object beside the input fields, or with --env on the command line.',
      },
    ]);
  });

  it('replays a keyed start with the same env', async () => {
    const body = { month: '2026-10', env: { region: 'us-west-2' } };
    const first = await app.start(body, { 'Idempotency-Key': 'env-key-1' });
    const second = await app.start(body, { 'Idempotency-Key': 'env-key-1' });
    const other = await app.start({ ...body, env: { region: 'ap-south-1' } }, { 'Idempotency-Key': 'env-key-1' });

    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.executionArn).toBe(first.body.executionArn);
    expect(other.status).toBe(409);
  });
});
