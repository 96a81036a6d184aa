import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

import { createLocalLog } from '../../../lib/local/log';
import { createTempDir } from './build-assembly';

describe('createLocalLog', () => {
  it('prefixes every line with the source', () => {
    const stream = new PassThrough();
    const file = path.join(createTempDir('log'), 'runtime.log');
    const log = createLocalLog({ stream, file });

    log.write('outbox', 'SMS to +15550100: Approve?\nhttp://127.0.0.1:4714/prod/approvals/a1');
    const written = String(stream.read());
    const stored = fs.readFileSync(file, 'utf8').trim().split('\n');

    expect(written).toBe('[outbox] SMS to +15550100: Approve?\n[outbox] http://127.0.0.1:4714/prod/approvals/a1\n');
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\S+ \[outbox\] http:\/\/127\.0\.0\.1:4714\/prod\/approvals\/a1$/);
  });
});
