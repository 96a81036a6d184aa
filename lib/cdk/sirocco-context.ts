import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

import { Node } from 'constructs';

/** Deployment settings that a deployer changes in the cdk.json context or with `cdk synth -c key=value`. */
export interface SiroccoSettings {
  /** `sirocco:adminPhoneNumbers`: E.164 numbers that receive alert SMS. */
  adminPhoneNumbers: string[];
  /**
   * `sirocco:approverDefaults`: approval settings shared by every workflow.
   * `fromEmail`, the verified SES sender of approval links by email, is the only key the stack reads.
   */
  approverDefaults: ApproverDefaults;
  /** `sirocco:systems`: base URL of each external system, by system name. */
  systems: Record<string, string>;
  /** `sirocco:approvalsBaseUrl`: public base URL of the approval pages, when set. */
  approvalsBaseUrl?: string;
}

export interface ApproverDefaults {
  /** Verified SES sender address of the approval emails. Without it, only phone numbers can be approvers. */
  fromEmail?: string;
  [key: string]: unknown;
}

/** A context value that cannot be used, with a message that names the key and the fix. */
export class InvalidContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidContextError';
  }
}

export const DEFAULT_SYSTEMS: Readonly<Record<string, string>> = {
  accounting: 'http://127.0.0.1:4701',
  bonus: 'http://127.0.0.1:4702',
};

const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads and validates the `sirocco:*` context keys. Throws InvalidContextError. */
export function readSiroccoSettings(node: Node): SiroccoSettings {
  const phoneNumbers = readContext(node, 'sirocco:adminPhoneNumbers') ?? [];
  const approverDefaults = readContext(node, 'sirocco:approverDefaults') ?? {};
  const systems = readContext(node, 'sirocco:systems') ?? DEFAULT_SYSTEMS;
  const approvalsBaseUrl = readContext(node, 'sirocco:approvalsBaseUrl');

  return {
    adminPhoneNumbers: validatePhoneNumbers(phoneNumbers),
    approverDefaults: validateApproverDefaults(approverDefaults),
    systems: validateSystems(systems),
    approvalsBaseUrl: approvalsBaseUrl === undefined ? undefined : validateUrl(approvalsBaseUrl, 'sirocco:approvalsBaseUrl'),
  };
}

/**
 * Returns the folder of the action handlers: the context key `sirocco:actionsDir`,
 * relative to `projectRoot`, or the project's lambdas/actions.
 * Throws InvalidContextError when the folder does not exist or is outside the project.
 */
export function readActionsDir(node: Node, projectRoot: string): string {
  const value = readContext(node, 'sirocco:actionsDir');
  if (value === undefined) return join(projectRoot, 'lambdas', 'actions');

  const folder = typeof value === 'string' ? resolve(projectRoot, value) : undefined;
  if (folder === undefined || !existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InvalidContextError(
      `Invalid context "sirocco:actionsDir": ${JSON.stringify(value)} is not a folder. Pass the folder of <system>/<name>.ts handlers, such as "lambdas/actions".`,
    );
  }
  const fromProject = relative(projectRoot, folder);
  if (fromProject.startsWith('..') || isAbsolute(fromProject)) {
    throw new InvalidContextError(
      `Invalid context "sirocco:actionsDir": ${folder} is outside the project ${projectRoot}, and the CDK bundles only handlers under the project. Move or copy the folder into the project.`,
    );
  }
  return folder;
}

/**
 * Returns the file names of the context key `sirocco:workflowFiles`, the only
 * files of the workflows folder to synthesize, or undefined to synthesize every file.
 */
export function readWorkflowFiles(node: Node): string[] | undefined {
  const value = readContext(node, 'sirocco:workflowFiles');
  if (value === undefined) return undefined;

  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name === '')) {
    throw new InvalidContextError(
      `Invalid context "sirocco:workflowFiles": expected a list of file names of the workflows folder, such as ["salary.yaml"], got ${JSON.stringify(value)}.`,
    );
  }
  return value as string[];
}

/** Returns a context value, parsing JSON given as a string by `-c key=value`. */
function readContext(node: Node, key: string): unknown {
  const value: unknown = node.tryGetContext(key);
  if (typeof value !== 'string' || !/^\s*[[{"]/.test(value)) {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidContextError(`Invalid context "${key}": ${JSON.stringify(value)} is not valid JSON.`);
  }
}

function validatePhoneNumbers(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new InvalidContextError(
      `Invalid context "sirocco:adminPhoneNumbers": expected a list of E.164 numbers such as ["+15555550100"], got ${JSON.stringify(value)}.`,
    );
  }
  for (const phoneNumber of value) {
    if (typeof phoneNumber !== 'string' || !E164_PATTERN.test(phoneNumber)) {
      throw new InvalidContextError(
        `Invalid phone number ${JSON.stringify(phoneNumber)} in context "sirocco:adminPhoneNumbers": ` +
          'expected E.164, a "+" and up to 15 digits, such as "+15555550100".',
      );
    }
  }
  return value as string[];
}

function validateApproverDefaults(value: unknown): ApproverDefaults {
  const defaults = validateObject(value, 'sirocco:approverDefaults');
  const { fromEmail } = defaults;
  if (fromEmail !== undefined && (typeof fromEmail !== 'string' || !EMAIL_PATTERN.test(fromEmail))) {
    throw new InvalidContextError(
      `Invalid context "sirocco:approverDefaults.fromEmail": expected an email address such as "approvals@example.com", got ${JSON.stringify(fromEmail)}.`,
    );
  }
  return defaults;
}

function validateSystems(value: unknown): Record<string, string> {
  const systems = validateObject(value, 'sirocco:systems');
  const urls: Record<string, string> = {};
  for (const [system, url] of Object.entries(systems)) {
    urls[system] = validateUrl(url, `sirocco:systems.${system}`);
  }
  return urls;
}

function validateObject(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidContextError(`Invalid context "${key}": expected a JSON object, got ${JSON.stringify(value)}.`);
  }
  return value as Record<string, unknown>;
}

function validateUrl(value: unknown, key: string): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/.test(value)) {
    throw new InvalidContextError(
      `Invalid context "${key}": expected an http(s) base URL such as "http://127.0.0.1:4701", got ${JSON.stringify(value)}.`,
    );
  }
  return value.replace(/\/+$/, '');
}
