import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../schema/workflow.schema.json';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import { explainSchemaError, resolveReference } from './schema-messages';
import { suggestClosest } from './suggest';
import type { PathSegment, SourceDocument } from './source-document';

/** Mistral v2 keys that Sirocco recognises but cannot compile yet. */
const unsupportedMistralKeys = new Set([
  'tags', 'safe-rerun', 'keep-result', 'target', 'fail-on',
]);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(schema);
  return compiled;
}

function pathOf(error: ErrorObject): PathSegment[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describePath(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the top level' : path.join('.');
}

function inWhere(path: readonly PathSegment[]): string {
  if (path.length === 0) return ' at the top level';
  if (path[0] === 'tasks' && path.length >= 2) return ` in task '${path[1]}'`;
  return ` in '${path.join('.')}'`;
}

/**
 * Validates the YAML value against schema/workflow.schema.json and reports
 * each ajv error at the position of the key or value it concerns. Returns
 * whether the value matches the schema.
 */
export function validateSchema(value: unknown, source: SourceDocument, bag: DiagnosticBag): boolean {
  const validate = validator();
  if (validate(value)) return true;

  const seen = new Set<string>();
  for (const { error, anyValue } of selectErrors(validate.errors ?? [])) {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reportError(error, source, bag, anyValue);
  }

  return false;
}

/** An ajv error to report, with `anyValue` set for a oneOf or anyOf that no branch accepts. */
interface SelectedError {
  error: ErrorObject;
  anyValue: boolean;
}

/** Returns whether `error` comes from a branch of the oneOf or anyOf error `choice`, on its value or inside it. */
function isBranchError(error: ErrorObject, choice: ErrorObject): boolean {
  return (
    error !== choice &&
    error.schemaPath.startsWith(`${choice.schemaPath}/`) &&
    (error.instancePath === choice.instancePath || error.instancePath.startsWith(`${choice.instancePath}/`))
  );
}

function isChoice(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf';
}

/**
 * Picks the errors worth reporting. ajv reports a failed oneOf together with
 * the errors of every branch, so each oneOf is replaced by the errors of its
 * most specific branches: those whose type the value has. When no branch has
 * the value's type, the oneOf itself is reported with every alternative.
 */
function selectErrors(errors: readonly ErrorObject[]): SelectedError[] {
  const choices = errors.filter(isChoice);
  const selected: SelectedError[] = [];

  for (const error of errors) {
    if (choices.some((choice) => isBranchError(error, choice))) continue;
    if (!isChoice(error)) {
      selected.push({ error, anyValue: false });
      continue;
    }

    const specific = specificBranchErrors(error, errors);
    if (specific.length === 0) selected.push({ error, anyValue: true });
    else selected.push(...selectErrors(specific));
  }

  return selected;
}

/** Returns the errors of the branches of `choice` that declare a type and whose type the value has. */
function specificBranchErrors(choice: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[] {
  const branches = Array.isArray(choice.schema) ? (choice.schema as Record<string, unknown>[]) : [];
  const prefix = `${choice.schemaPath}/`;
  const branchOf = (error: ErrorObject) => Number(error.schemaPath.slice(prefix.length).split('/')[0]);
  const branchErrors = errors.filter((error) => isBranchError(error, choice));

  const typeMismatch = new Set(
    branchErrors
      .filter((error) => error.keyword === 'type' && error.instancePath === choice.instancePath)
      .map(branchOf),
  );
  const specific = new Set(
    branches
      .map((branch, index) => ({ branch: resolveReference(branch), index }))
      .filter(({ branch, index }) => 'type' in branch && !typeMismatch.has(index))
      .map(({ index }) => index),
  );

  return branchErrors.filter((error) => specific.has(branchOf(error)));
}

function reportError(error: ErrorObject, source: SourceDocument, bag: DiagnosticBag, anyValue: boolean): void {
  const path = pathOf(error);

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const keyPath = [...path, key];
      if (unsupportedMistralKeys.has(key)) {
        bag.report('unsupportedKey', source.rangeAt(keyPath, 'key'), key);
        return;
      }
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const suggestion = suggestClosest(key, allowed);
      bag.report('unknownKey', source.rangeAt(keyPath, 'key'), key, suggestion ? `: did you mean '${suggestion}'?` : inWhere(path));
      return;
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const range = path.length === 0 ? { start: { line: 1, column: 1 } } : source.rangeAt(path, 'key');
      bag.report('missingKey', range, missing, inWhere(path));
      return;
    }
    case 'const':
      if (path.length === 1 && path[0] === 'version') {
        bag.report('unsupportedVersion', source.rangeAt(path), String(error.data));
        return;
      }
      break;
    case 'if':
      // ajv also reports the failing keyword of the `then` schema, such as a missing 'action', which is reported instead.
      return;
    case 'propertyNames':
      // ajv also reports the failing inner keyword with the property name, which is reported instead.
      return;
    default:
      if (error.propertyName !== undefined) {
        reportInvalidName(error.propertyName, path, source, bag);
        return;
      }
  }

  bag.report('invalidValue', source.rangeAt(path), describePath(path), explainSchemaError(error, anyValue));
}

function reportInvalidName(name: string, path: readonly PathSegment[], source: SourceDocument, bag: DiagnosticBag): void {
  const range = source.rangeAt([...path, name], 'key');
  if (path.length === 1 && path[0] === 'tasks') {
    bag.report('invalidTaskName', range, name);
    return;
  }
  bag.report('invalidValue', range, describePath([...path, name]), `'${name}' is not a valid variable name, so use letters, digits and '_' and start with a letter or '_'`);
}
