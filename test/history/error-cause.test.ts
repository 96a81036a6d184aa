import { causeMessage, parseLambdaErrorCause } from '../../lambdas/history/error-cause';

const LAMBDA_CAUSE = '{"errorType":"SystemError","errorMessage":"GET /bonus failed with status 503","trace":["at handler (index.js:1:1)"]}';
const JSONATA_CAUSE = "An error occurred while evaluating the JSONata expression '$x' in field 'Output': Input is invalid.";

describe('parseLambdaErrorCause', () => {
  test('reads the type and message without the trace', () => {
    expect(parseLambdaErrorCause(LAMBDA_CAUSE)).toEqual({ errorType: 'SystemError', errorMessage: 'GET /bonus failed with status 503' });
  });

  test('reads a message without a type', () => {
    expect(parseLambdaErrorCause('{"errorMessage":"broke"}')).toEqual({ errorMessage: 'broke' });
  });

  test.each([
    ['JSON without errorMessage', '{"other":1}'],
    ['a non-string errorMessage', '{"errorMessage":42}'],
    ['broken JSON', '{"errorMessage":'],
    ['plain text', 'plain text'],
    ['a JSON string', '"text"'],
  ])('returns undefined for %s', (_case, cause) => {
    expect(parseLambdaErrorCause(cause)).toBeUndefined();
  });
});

describe('causeMessage', () => {
  test.each([
    [LAMBDA_CAUSE, 'GET /bonus failed with status 503'],
    ['{"other":1}', '{"other":1}'],
    ['plain text', 'plain text'],
    [JSONATA_CAUSE, "Input is invalid. (field 'Output', JSONata expression '$x')"],
  ])('reads %s', (cause, expected) => {
    expect(causeMessage(cause)).toBe(expected);
  });
});
