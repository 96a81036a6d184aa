import { StatesError, StatesErrorName } from './errors';

/** Maximum size of a state's input or output and of one variable, in bytes (256 KiB). */
export const maxPayloadBytes = 256 * 1024;

/** Maximum length of a variable name. */
export const maxVariableNameLength = 80;

/** Throws States.DataLimitExceeded when the JSON of `value` is larger than 256 KiB. */
export function checkPayloadSize(value: unknown, description: string): void {
  const text = JSON.stringify(value) ?? '';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxPayloadBytes) {
    throw new StatesError(
      StatesErrorName.DataLimitExceeded,
      `The ${description} has a size of ${bytes} bytes, which exceeds the maximum of ${maxPayloadBytes} bytes.`,
    );
  }
}
