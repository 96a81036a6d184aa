import { readFileSync } from 'fs';
import { UsageError } from './exit-codes';

/** Reads a workflow file, turning a missing or unreadable file into a usage error. */
export function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`Cannot read workflow '${file}': ${reason}. Check the path.`);
  }
}
