import { parseArgs } from 'node:util';

import { DEFAULT_ACCOUNTING_PORT, DEFAULT_BONUS_PORT, startSampleSystems } from './sample-systems';

/** Runs the sample systems until SIGINT or SIGTERM: `npx tsx lib/samples/main.ts [--accounting-port N] [--bonus-port N] [--data FILE]`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'accounting-port': { type: 'string', default: String(DEFAULT_ACCOUNTING_PORT) },
      'bonus-port': { type: 'string', default: String(DEFAULT_BONUS_PORT) },
      data: { type: 'string' },
    },
  });

  const systems = await startSampleSystems({
    accountingPort: parsePort(values['accounting-port'], '--accounting-port'),
    bonusPort: parsePort(values['bonus-port'], '--bonus-port'),
    dataFile: values.data,
  });
  console.log(`Accounting system listening on ${systems.accountingUrl}`);
  console.log(`Bonus system listening on ${systems.bonusUrl}`);

  const shutdown = async (signal: string) => {
    console.log(`Received ${signal}, stopping the sample systems.`);
    await systems.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function parsePort(value: string | undefined, option: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid ${option} ${JSON.stringify(value)}: expected a TCP port from 0 to 65535.`);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error(`Could not start the sample systems: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
