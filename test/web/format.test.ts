import { formatCause, withoutStackTraces } from '../../lib/web/page/format';

const LAMBDA_CAUSE = JSON.stringify({
  errorType: 'HttpError.500',
  errorMessage: '{"status":500}',
  trace: ['HttpError.500: {"status":500}', '    at Oe (/work/main/lambdas/std/http.ts:27:11)'],
});

describe('formatCause', () => {
  test('keeps type and message of a Lambda error', () => {
    expect(formatCause(LAMBDA_CAUSE)).toBe('HttpError.500: {"status":500}');
  });

  test('keeps the message without a type', () => {
    expect(formatCause('{"errorMessage":"broke","trace":["at x"]}')).toBe('broke');
  });

  test('indents other JSON', () => {
    expect(formatCause('{"other":1}')).toBe('{\n  "other": 1\n}');
  });

  test('puts a JSONata error message first', () => {
    const cause =
      "An error occurred while evaluating the JSONata expression '$error(\"x\")' in field 'Output': " +
      'Input task_name deliver is not allowed.';

    expect(formatCause(cause)).toBe(
      "Input task_name deliver is not allowed. (field 'Output', JSONata expression '$error(\"x\")')",
    );
  });

  test('returns plain text unchanged', () => {
    expect(formatCause('The manager said no.')).toBe('The manager said no.');
  });
});

describe('withoutStackTraces', () => {
  test('shortens the cause of a caught error', () => {
    const input = { order: 7, error: { Error: 'HttpError.500', Cause: LAMBDA_CAUSE }, list: [{ Cause: LAMBDA_CAUSE }] };

    const payload = withoutStackTraces(input);

    expect(payload).toEqual({
      order: 7,
      error: { Error: 'HttpError.500', Cause: 'HttpError.500: {"status":500}' },
      list: [{ Cause: 'HttpError.500: {"status":500}' }],
    });
    expect(JSON.stringify(payload)).not.toContain('/work/main');
  });

  test('keeps other values', () => {
    const input = { Cause: 'plain text', count: 2, none: null, text: LAMBDA_CAUSE };

    expect(withoutStackTraces(input)).toEqual(input);
  });
});
