import { ApprovalConfigurationError } from './errors';

/** Link expiry when a `std.approval` task has no timeout: 7 days. */
export const DEFAULT_TIMEOUT_SECONDS = 7 * 24 * 3600;

export interface RequestConfig {
  tableName: string;
  baseUrl: string;
  fromEmail?: string;
  defaultTimeoutSeconds: number;
}

export interface PageConfig {
  tableName: string;
  /** Public base URL, whose origin a POST may come from besides the request's own host. */
  baseUrl?: string;
}

/** Reads the request handler's environment: HISTORY_TABLE, APPROVALS_BASE_URL, APPROVALS_FROM_EMAIL. */
export function readRequestConfig(env: NodeJS.ProcessEnv = process.env): RequestConfig {
  return {
    tableName: requireVariable(env, 'HISTORY_TABLE'),
    baseUrl: requireVariable(env, 'APPROVALS_BASE_URL'),
    fromEmail: env.APPROVALS_FROM_EMAIL || undefined,
    defaultTimeoutSeconds: readDefaultTimeout(env),
  };
}

/** Reads the page handler's environment: HISTORY_TABLE and, optionally, APPROVALS_BASE_URL. */
export function readPageConfig(env: NodeJS.ProcessEnv = process.env): PageConfig {
  return {
    tableName: requireVariable(env, 'HISTORY_TABLE'),
    baseUrl: env.APPROVALS_BASE_URL || undefined,
  };
}

function requireVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ApprovalConfigurationError(`The environment variable ${name} is not set.`);
  }
  return value;
}

function readDefaultTimeout(env: NodeJS.ProcessEnv): number {
  const text = env.APPROVALS_DEFAULT_TIMEOUT_SECONDS;
  if (text === undefined || text === '') {
    return DEFAULT_TIMEOUT_SECONDS;
  }

  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new ApprovalConfigurationError(
      `APPROVALS_DEFAULT_TIMEOUT_SECONDS is '${text}'; set it to a positive whole number of seconds.`,
    );
  }
  return seconds;
}
