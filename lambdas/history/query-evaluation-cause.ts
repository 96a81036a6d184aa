// Step Functions writes the cause of a failed JSONata expression as
// "An error occurred while evaluating the JSONata expression '<expression>' in field '<field>': <message>".
const QUERY_EVALUATION_CAUSE =
  /^An error occurred while evaluating the JSONata expression '([\s\S]*)' in field '([^']*)': ([\s\S]+)$/;

/**
 * Moves the message of a JSONata evaluation error in front of its expression,
 * which the compiler generates and which may be long, so that a shortened text
 * keeps the message. Any other cause is returned unchanged.
 */
export function messageFirst(cause: string): string {
  const match = QUERY_EVALUATION_CAUSE.exec(cause);
  if (!match) return cause;

  const [, expression, field, message] = match;
  return `${message.trim()} (field '${field}', JSONata expression '${expression}')`;
}
