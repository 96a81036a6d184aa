/**
 * Coalesces checkpoint requests: a request made while a write is in flight is
 * served by the next write, which takes a fresh snapshot.
 */
export class CheckpointWriter {
  private requested = 0;
  private written = 0;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly write: () => Promise<void>) {}

  /** Resolves once a write that started after this call has finished. */
  async save(): Promise<void> {
    this.requested++;
    const target = this.requested;
    while (this.written < target) {
      if (this.inFlight === undefined) {
        const snapshot = this.requested;
        this.inFlight = this.write()
          .then(() => {
            this.written = Math.max(this.written, snapshot);
          })
          .finally(() => {
            this.inFlight = undefined;
          });
        await this.inFlight;
      } else {
        await this.inFlight.catch(() => undefined);
      }
    }
  }

  /** Requests a write without waiting for it; a failure surfaces on the next awaited save. */
  request(): void {
    this.save().catch(() => undefined);
  }
}
