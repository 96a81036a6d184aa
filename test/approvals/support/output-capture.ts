/** Collects everything written to stdout and stderr while active, e.g. Powertools Logger lines. */
export class OutputCapture {
  private chunks: string[] = [];
  private spies: jest.SpyInstance[] = [];

  start(): void {
    this.chunks = [];
    for (const stream of [process.stdout, process.stderr]) {
      this.spies.push(
        jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
          return true;
        }),
      );
    }
  }

  stop(): string {
    for (const spy of this.spies) {
      spy.mockRestore();
    }
    this.spies = [];
    return this.chunks.join('');
  }

  /** Parsed JSON log lines captured so far. */
  logLines(): Array<Record<string, unknown>> {
    return this.chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
