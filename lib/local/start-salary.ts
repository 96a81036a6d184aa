import * as path from 'node:path';

import { errorMessage } from './log';
import { serve } from './serve';

/**
 * `npm start`: runs the whole synthesized app (the salary workflow and
 * everything around it) on the default local ports. Pass `--no-synth` to
 * reuse the existing cdk.out.
 */
serve({ projectDir: path.resolve(__dirname, '..', '..'), synth: !process.argv.includes('--no-synth') }).catch(
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  },
);
