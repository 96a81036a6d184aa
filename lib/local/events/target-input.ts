import { EventTarget } from '../assembly/stack-resources';

/**
 * Computes what a rule target receives: the whole event, or the target's
 * `Input` constant, `InputPath` selection or `InputTransformer` output.
 */
export function targetInput(target: EventTarget, event: unknown): unknown {
  if (target.input !== undefined) {
    return JSON.parse(target.input);
  }
  if (target.inputPath !== undefined) {
    return selectPath(event, target.inputPath);
  }
  if (target.inputTransformer) {
    return transformInput(target.inputTransformer, event);
  }
  return event;
}

/** Reads a simple JSONPath (`$`, `$.detail.status`), the form that EventBridge accepts. */
function selectPath(event: unknown, jsonPath: string): unknown {
  const keys = jsonPath.replace(/^\$\.?/, '').split('.').filter(Boolean);
  return keys.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], event);
}

/**
 * Fills `<name>` placeholders of the template. A placeholder inside quotes
 * takes the value's text, and one outside quotes its JSON form, as EventBridge does.
 */
function transformInput(transformer: NonNullable<EventTarget['inputTransformer']>, event: unknown): unknown {
  const values = Object.fromEntries(
    Object.entries(transformer.InputPathsMap ?? {}).map(([name, jsonPath]) => [name, selectPath(event, jsonPath)]),
  );

  const text = fillPlaceholders(transformer.InputTemplate, values);

  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function fillPlaceholders(template: string, values: Record<string, unknown>): string {
  let output = '';
  let inString = false;

  for (let index = 0; index < template.length; index += 1) {
    const character = template[index];
    const placeholder = character === '<' ? /^<([\w.-]+)>/.exec(template.slice(index)) : null;

    if (placeholder && placeholder[1] in values) {
      const value = values[placeholder[1]];
      output += inString ? escapeInString(value) : JSON.stringify(value ?? null);
      index += placeholder[0].length - 1;
      continue;
    }
    if (character === '"' && template[index - 1] !== '\\') {
      inString = !inString;
    }
    output += character;
  }
  return output;
}

/** Returns the value's text escaped for use inside a JSON string literal. */
function escapeInString(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text).slice(1, -1);
}
