import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { TopicResource } from '../../../lib/local/assembly/stack-resources';
import { LoopbackServer } from '../../../lib/local/http/loopback-server';
import { createMemoryLog } from '../../../lib/local/log';
import { Outbox, OutboxWaitTimeoutError } from '../../../lib/local/outbox/outbox';
import { startOutboxServer } from '../../../lib/local/outbox/outbox-server';
import { LocalSns } from '../../../lib/local/outbox/sns-publish';
import { createTempDir } from './build-assembly';

const ALERTS: TopicResource = {
  logicalId: 'AlertsTopic',
  name: 'alerts',
  arn: 'arn:aws:sns:us-east-1:000000000000:alerts',
  subscriptions: [
    { protocol: 'sms', endpoint: '+15550100' },
    { protocol: 'email', endpoint: 'ops@example.com' },
    { protocol: 'lambda', endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:on-alert' },
  ],
};
const QUIET: TopicResource = { logicalId: 'QuietTopic', name: 'quiet', arn: 'arn:aws:sns:us-east-1:000000000000:quiet', subscriptions: [] };
const CLIENT_CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

describe('outbox server', () => {
  const log = createMemoryLog();
  const file = path.join(createTempDir('outbox'), 'outbox.jsonl');
  const outbox = new Outbox(log, file);
  const lambdaDeliveries: { arn: string; event: any }[] = [];
  const sns = new LocalSns([ALERTS, QUIET], outbox, log, async (arn, event) => {
    lambdaDeliveries.push({ arn, event });
  });
  let server: LoopbackServer;
  let snsClient: SNSClient;
  let sesClient: SESv2Client;

  beforeAll(async () => {
    server = await startOutboxServer(sns, outbox, log, 0);
    snsClient = new SNSClient({ ...CLIENT_CONFIG, endpoint: server.url });
    sesClient = new SESv2Client({ ...CLIENT_CONFIG, endpoint: server.url });
  });

  afterAll(async () => {
    snsClient.destroy();
    sesClient.destroy();
    await server.close();
  });

  it('records an SMS to a phone number', async () => {
    const response = await snsClient.send(new PublishCommand({ PhoneNumber: '+15550199', Message: 'Approve 500?' }));
    const message = await outbox.waitFor((entry) => entry.messageId === response.MessageId);

    expect(message.channel).toBe('sms');
    expect(message.to).toBe('+15550199');
    expect(message.body).toBe('Approve 500?');
    expect(log.lines).toContain('[outbox] SMS to +15550199: Approve 500?');
  });

  it('fans a topic publish out to subscriptions', async () => {
    const response = await snsClient.send(
      new PublishCommand({ TopicArn: ALERTS.arn, Subject: 'salary failed', Message: 'Execution failed.' }),
    );
    const entries = outbox.messages().filter((entry) => entry.messageId === response.MessageId);

    expect(entries.map((entry) => [entry.channel, entry.to])).toEqual([
      ['sms', '+15550100'],
      ['email', 'ops@example.com'],
    ]);
    expect(entries[1].subject).toBe('salary failed');
    expect(lambdaDeliveries).toHaveLength(1);
    expect(lambdaDeliveries[0].arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:on-alert');
    expect(lambdaDeliveries[0].event.Records[0].Sns.Message).toBe('Execution failed.');
  });

  it('records a topic without subscriptions once', async () => {
    const response = await snsClient.send(new PublishCommand({ TopicArn: QUIET.arn, Message: 'nobody listens' }));
    const entries = outbox.messages().filter((entry) => entry.messageId === response.MessageId);

    expect(entries).toHaveLength(1);
    expect(entries[0].channel).toBe('topic');
    expect(entries[0].to).toBe(QUIET.arn);
  });

  it('picks the protocol variant of a JSON message', async () => {
    const response = await snsClient.send(
      new PublishCommand({
        TopicArn: ALERTS.arn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: 'long text', sms: 'short' }),
      }),
    );
    const entries = outbox.messages().filter((entry) => entry.messageId === response.MessageId);

    expect(entries.map((entry) => entry.body)).toEqual(['short', 'long text']);
  });

  it('rejects a phone number outside E.164', async () => {
    await expect(snsClient.send(new PublishCommand({ PhoneNumber: '0612345678', Message: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: PhoneNumber Reason: 0612345678 is not in E.164 format, such as +15550100.',
    });
  });

  it('rejects an unknown topic as NotFound', async () => {
    const publish = snsClient.send(
      new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing', Message: 'x' }),
    );

    await expect(publish).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('records SES email per recipient', async () => {
    const response = await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: 'sirocco@example.com',
        Destination: { ToAddresses: ['manager@example.com'], CcAddresses: ['hr@example.com'] },
        Content: { Simple: { Subject: { Data: 'Bonus' }, Body: { Text: { Data: 'Open the link.' }, Html: { Data: '<p>Open</p>' } } } },
      }),
    );
    const entries = outbox.messages().filter((entry) => entry.messageId === response.MessageId);

    expect(entries.map((entry) => entry.to)).toEqual(['manager@example.com', 'hr@example.com']);
    expect(entries[0].service).toBe('ses');
    expect(entries[0].subject).toBe('Bonus');
    expect(entries[0].body).toBe('Open the link.');
    expect(entries[0].html).toBe('<p>Open</p>');
    expect(entries[0].from).toBe('sirocco@example.com');
  });

  it('rejects SES email without recipients', async () => {
    const send = sesClient.send(
      new SendEmailCommand({ FromEmailAddress: 'a@example.com', Destination: {}, Content: { Simple: { Subject: { Data: 's' }, Body: {} } } }),
    );

    await expect(send).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('appends every message to the JSON lines file', () => {
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

    expect(lines.map((line) => line.id)).toEqual(outbox.messages().map((message) => message.id));
  });

  it('resolves waitFor on a later message', async () => {
    const waiting = outbox.waitFor((message) => message.body === 'later');
    await snsClient.send(new PublishCommand({ PhoneNumber: '+15550123', Message: 'later' }));

    await expect(waiting).resolves.toMatchObject({ to: '+15550123' });
  });

  it('rejects waitFor when nothing matches', async () => {
    const waiting = outbox.waitFor((message) => message.body === 'never sent', { timeoutMilliseconds: 50 });

    await expect(waiting).rejects.toBeInstanceOf(OutboxWaitTimeoutError);
  });
});
