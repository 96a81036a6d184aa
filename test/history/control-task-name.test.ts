import { startControlApp, type ControlApp } from '../support/control-app';

/** A reverse workflow without `target`, so that the execution input's task_name selects the target. */
const SOURCE = `version: '2.0'
name: deliveries
type: reverse
tasks:
  pack:
    action: std.noop
  ship:
    action: std.noop
    requires: [pack]
`;

let app: ControlApp;

beforeAll(async () => {
  app = await startControlApp('deliveries', SOURCE);
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

describe('control API start of a reverse workflow', () => {
  it('rejects a task_name that names no task', async () => {
    const started = await app.start({ task_name: 'deliver' });

    expect(started.status).toBe(400);
    expect(started.body.error).toBe('InvalidInput');
    expect(started.body.fields).toStrictEqual([
      {
        field: 'task_name',
        message: 'Input field "task_name" is "deliver", which workflow "deliveries" does not allow: send one of pack, ship, or leave it out for the default null.',
      },
    ]);
  });

  it('accepts a task_name of a task', async () => {
    const started = await app.start({ task_name: 'ship' });

    expect(started.status).toBe(202);
  });

  it('accepts a start without task_name', async () => {
    const started = await app.start({});

    expect(started.status).toBe(202);
  });
});
