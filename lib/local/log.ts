import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Line log of the local runtime. Each line names its source (`[runtime]`,
 * `[lambda:<function>]`, `[outbox]`), because several services and Lambda
 * functions write to the same console.
 */
export interface LocalLog {
  write(source: string, message: string): void;
}

/**
 * Writes each line to a stream (the console by default) and, when given,
 * appends it to a file. Every line of a multi-line message gets the prefix.
 */
export function createLocalLog(options: { stream?: NodeJS.WritableStream; file?: string } = {}): LocalLog {
  const stream = options.stream ?? process.stdout;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
  }

  return {
    write(source, message) {
      const lines = message.split('\n').map((line) => `[${source}] ${line}\n`);
      stream.write(lines.join(''));
      if (options.file) {
        const time = new Date().toISOString();
        fs.appendFileSync(options.file, lines.map((line) => `${time} ${line}`).join(''));
      }
    },
  };
}

/** Creates a log that keeps its lines in memory, for tests. */
export function createMemoryLog(): LocalLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    write(source, message) {
      lines.push(`[${source}] ${message}`);
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
