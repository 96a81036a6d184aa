import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

import { handler } from '../../lambdas/std/pause';

const documents = mockClient(DynamoDBDocumentClient);
const executionArn = 'arn:aws:states:us-east-1:000000000000:execution:pause_before:run-1';
const event = { input: {}, token: 'token-1', execution: executionArn, workflow: 'pause_before', task: 'pay.pause' };

beforeEach(() => {
  documents.reset();
  process.env.HISTORY_TABLE = 'history';
});

describe('pause handler', () => {
  it('records the token under the execution', async () => {
    documents.on(PutCommand).resolves({});

    await expect(handler(event)).resolves.toStrictEqual({});

    const item = documents.commandCalls(PutCommand)[0].args[0].input.Item;
    expect(item).toMatchObject({
      pk: `CALLBACK#${executionArn}#pay.pause`,
      sk: 'CALLBACK',
      gsi1pk: `EXEC#${executionArn}`,
      gsi1sk: 'PAUSE#pay.pause',
      token: 'token-1',
      task: 'pay.pause',
    });
    expect(typeof item?.expiresAt).toBe('number');
  });

  it('rejects an event without a token', async () => {
    await expect(handler({ ...event, token: '' })).rejects.toThrow('The event has no task token');
    expect(documents.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('fails without HISTORY_TABLE', async () => {
    delete process.env.HISTORY_TABLE;

    await expect(handler(event)).rejects.toThrow('HISTORY_TABLE is not set');
  });
});
