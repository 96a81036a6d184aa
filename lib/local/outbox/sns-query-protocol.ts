/** Reading requests and writing responses of the SNS Query protocol (API version 2010-03-31). */

const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/**
 * Turns a form-encoded Query request into the API's request shape, including
 * `MessageAttributes.entry.N.Name` / `.Value.*` lists.
 */
export function parseQueryRequest(body: string): Record<string, unknown> {
  const form = new URLSearchParams(body);
  const request: Record<string, unknown> = {};
  const attributes: Record<string, Record<string, string>> = {};

  for (const [key, value] of form) {
    const attribute = /^MessageAttributes\.entry\.(\d+)\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/.exec(key);
    if (!attribute) {
      request[key] = value;
      continue;
    }
    const entry = (attributes[attribute[1]] ??= {});
    entry[attribute[2]] = value;
  }

  const entries = Object.values(attributes).filter((entry) => entry.Name);
  if (entries.length > 0) {
    request.MessageAttributes = Object.fromEntries(
      entries.map((entry) => [
        entry.Name,
        { DataType: entry['Value.DataType'], StringValue: entry['Value.StringValue'], BinaryValue: entry['Value.BinaryValue'] },
      ]),
    );
  }
  return request;
}

export function publishResponseXml(messageId: string, requestId: string): string {
  return [
    `<PublishResponse xmlns="${SNS_NAMESPACE}">`,
    `<PublishResult><MessageId>${escapeXml(messageId)}</MessageId></PublishResult>`,
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>`,
    '</PublishResponse>',
  ].join('');
}

export function errorResponseXml(code: string, message: string, requestId: string): string {
  return [
    `<ErrorResponse xmlns="${SNS_NAMESPACE}">`,
    `<Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`,
    `<RequestId>${escapeXml(requestId)}</RequestId>`,
    '</ErrorResponse>',
  ].join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
