/**
 * Calls `probe` until it returns a value other than undefined, for effects
 * that happen in the background (event deliveries, executions). Rejects
 * after `attempts` tries, 50 ms apart, with the description in the message.
 */
export async function eventually<T>(description: string, probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Gave up waiting for ${description} after ${attempts} attempts.`);
}
