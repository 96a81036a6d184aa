/**
 * A failed call to an external system. The name, such as `SystemError.503`
 * or `SystemError.Timeout`, becomes the Step Functions error name, so that a
 * workflow's `retry` and `on-error` can tell the causes apart.
 */
export class SystemError extends Error {
  constructor(
    /** HTTP status, or `Timeout`, `Unavailable` or `InvalidResponse` when no usable response arrived. */
    readonly reason: number | 'Timeout' | 'Unavailable' | 'InvalidResponse',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `SystemError.${reason}`;
  }
}
