import * as fs from 'node:fs';
import * as http from 'node:http';

import { listenOnLoopback, LoopbackServer } from '../http/loopback-server';

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => http.Server;

/**
 * Starts dynalite, a DynamoDB API implementation on LevelDB, on loopback.
 * With `dataDir` the tables persist in that folder, and without it they live
 * in memory. Tables become ACTIVE at once instead of after dynalite's
 * default 500 ms.
 */
export async function startDynalite(options: { dataDir?: string; port: number }): Promise<LoopbackServer> {
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
  }

  const server = dynalite({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return listenOnLoopback(server, options.port);
}
