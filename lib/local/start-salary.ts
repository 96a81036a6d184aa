import * as path from 'node:path';

import { startSampleSystems } from '../samples/sample-systems';
import { errorMessage } from './log';
import { serve } from './serve';

/**
 * `npm start`: runs the whole synthesized app (the salary workflow and
 * everything around it) on the default local ports, with the sample
 * accounting and bonus systems on 4701 and 4702, the URLs in cdk.json.
 * `--no-synth` reuses the existing cdk.out, and `--no-samples` leaves the
 * sample systems out.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);

  if (!argv.includes('--no-samples')) {
    const systems = await startSampleSystems();
    console.log(`Sample systems: accounting ${systems.accountingUrl}, bonus ${systems.bonusUrl}`);
  }
  await serve({ projectDir: path.resolve(__dirname, '..', '..'), synth: !argv.includes('--no-synth') });
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exit(1);
});
