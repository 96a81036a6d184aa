import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { readAssembly } from '../../lib/local/assembly/read-assembly';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { synthesize } from '../../lib/local/synthesize';
import { startSampleSystems, type SampleSystems } from '../../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../../lib/samples/system-url-overrides';

const PROJECT_DIR = path.join(__dirname, '..', '..');
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The administrator who receives failure alerts in the apps that tests run. */
export const ADMIN_PHONE = '+15555550199';

/** The project's synthesized app running on the local runtime, with the sample systems and SDK clients. */
export interface LocalApp {
  runtime: LocalRuntime;
  systems: SampleSystems;
  sfn: SFNClient;
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  historyTable: string;
  stop(): Promise<void>;
}

/**
 * Synthesizes this project with `cdk synth` into a temporary folder and runs
 * it on the local runtime, every server on a free loopback port. The action
 * functions reach the sample systems started here.
 */
export async function startLocalApp(): Promise<LocalApp> {
  const assemblyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-app-assembly-'));
  await synthesize(PROJECT_DIR, assemblyDir, { 'sirocco:adminPhoneNumbers': JSON.stringify([ADMIN_PHONE]) });
  const [stack] = readAssembly(assemblyDir);

  const systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  const runtime = await startRuntime({
    assemblyDir,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-app-data-')),
    ports: 0,
    log: createMemoryLog(),
    environmentOverrides: sampleSystemOverrides(systems).environmentOf,
  });

  const clientOptions = { region: 'us-east-1', credentials: CREDENTIALS };
  const sfn = new SFNClient({ ...clientOptions, endpoint: runtime.urls.stepFunctions });
  const dynamodb = new DynamoDBClient({ ...clientOptions, endpoint: runtime.urls.dynamodb });

  return {
    runtime,
    systems,
    sfn,
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb),
    historyTable: stack.tables[0].tableName,
    stop: async () => {
      sfn.destroy();
      dynamodb.destroy();
      await runtime.stop();
      await systems.stop();
    },
  };
}
