import { parseArgs } from 'node:util';

import { DEFAULT_ACCOUNTING_PORT, DEFAULT_BONUS_PORT } from './sample-systems';

export const SAMPLES_USAGE = `Usage: npx tsx lib/samples/main.ts [options]

Runs the sample accounting and bonus systems on 127.0.0.1 until SIGINT or SIGTERM.

Options:
  --accounting-port <port>  port of the accounting system, 0 for a free port (default ${DEFAULT_ACCOUNTING_PORT})
  --bonus-port <port>       port of the bonus system, 0 for a free port (default ${DEFAULT_BONUS_PORT})
  --data <file>             JSON file of employees in place of lib/samples/employees.json
  -h, --help                print this help and exit
`;

export interface SampleOptions {
  accountingPort: number;
  bonusPort: number;
  dataFile?: string;
}

/** Parses the command line of lib/samples/main.ts, returning `help` for `--help`. Throws on an unknown option or an invalid port. */
export function parseSampleOptions(args: string[]): SampleOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      'accounting-port': { type: 'string', default: String(DEFAULT_ACCOUNTING_PORT) },
      'bonus-port': { type: 'string', default: String(DEFAULT_BONUS_PORT) },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';

  return {
    accountingPort: parsePort(values['accounting-port'], '--accounting-port'),
    bonusPort: parsePort(values['bonus-port'], '--bonus-port'),
    dataFile: values.data,
  };
}

function parsePort(value: string | undefined, option: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid ${option} ${JSON.stringify(value)}: expected a TCP port from 0 to 65535.`);
  }
  return port;
}
