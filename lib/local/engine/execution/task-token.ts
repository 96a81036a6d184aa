import { randomBytes } from 'node:crypto';

interface TokenContent {
  executionArn: string;
  frameId: string;
}

/**
 * Creates a task token that names its execution and frame, so that a callback
 * for a closed task is distinguished from a token that was never issued.
 */
export function createTaskToken(executionArn: string, frameId: string): string {
  const content = { e: executionArn, f: frameId, n: randomBytes(16).toString('hex') };
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

/** Returns the execution and frame of a token, or undefined when it is not one of ours. */
export function readTaskToken(token: string): TokenContent | undefined {
  try {
    const content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof content.e === 'string' && typeof content.f === 'string' && typeof content.n === 'string') {
      return { executionArn: content.e, frameId: content.f };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
