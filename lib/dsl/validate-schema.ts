import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../schema/workflow.schema.json';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
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

  const errors = validate.errors ?? [];
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  // Inside a failed oneOf, the errors of each alternative only repeat it, so the outermost oneOf is reported.
  const covered = (error: ErrorObject) =>
    oneOfPaths.some(
      (path) =>
        error.instancePath.startsWith(`${path}/`) || (error.keyword !== 'oneOf' && error.instancePath === path),
    );

  const seen = new Set<string>();
  for (const error of errors) {
    if (covered(error)) continue;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reportError(error, source, bag);
  }

  return false;
}

function reportError(error: ErrorObject, source: SourceDocument, bag: DiagnosticBag): void {
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

  const expected = typeof error.parentSchema?.description === 'string' ? error.parentSchema.description : error.message;
  bag.report('invalidValue', source.rangeAt(path), describePath(path), String(expected).replace(/\.$/, ''));
}

function reportInvalidName(name: string, path: readonly PathSegment[], source: SourceDocument, bag: DiagnosticBag): void {
  const range = source.rangeAt([...path, name], 'key');
  if (path.length === 1 && path[0] === 'tasks') {
    bag.report('invalidTaskName', range, name);
    return;
  }
  bag.report('invalidValue', range, describePath([...path, name]), `'${name}' is not a valid variable name, so use letters, digits and '_' and start with a letter or '_'`);
}
