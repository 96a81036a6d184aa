import { HttpError } from './http';

/** The query that a page token continues. */
export interface PageQuery {
  workflow: string;
  status?: string;
}

type StartKey = Record<string, string>;

interface TokenBody {
  v: 1;
  workflow: string;
  status: string | null;
  key: StartKey;
}

/**
 * Encodes DynamoDB's LastEvaluatedKey as an opaque token that only the same
 * query accepts. The token is not signed: it carries only keys that the
 * caller could read anyway, and decoding rejects keys outside the query.
 */
export function encodePageToken(query: PageQuery, lastEvaluatedKey: StartKey): string {
  const body: TokenBody = {
    v: 1,
    workflow: query.workflow,
    status: query.status ?? null,
    key: lastEvaluatedKey,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * Decodes a token into the ExclusiveStartKey of the same query. `partition`
 * names the index partition attribute and value that the key must carry.
 */
export function decodePageToken(
  token: string,
  query: PageQuery,
  partition: { attribute: string; value: string },
): StartKey {
  const body = parseToken(token);
  if (body.workflow !== query.workflow || body.status !== (query.status ?? null)) {
    throw invalidToken('it continues a listing with another workflow or status');
  }
  if (body.key[partition.attribute] !== partition.value) {
    throw invalidToken('its start key lies outside this listing');
  }
  return body.key;
}

function parseToken(token: string): TokenBody {
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw invalidToken('it is not a token that this API returned');
  }

  const key = body?.key;
  const keyIsValid =
    typeof key === 'object' &&
    key !== null &&
    Object.values(key).every((value) => typeof value === 'string');
  if (body?.v !== 1 || typeof body.workflow !== 'string' || !keyIsValid) {
    throw invalidToken('it is not a token that this API returned');
  }
  return body as TokenBody;
}

function invalidToken(reason: string): HttpError {
  return new HttpError(
    400,
    'InvalidNextToken',
    `The "next" parameter is invalid because ${reason}: pass the "next" value of the previous page unchanged, or omit it for the first page.`,
  );
}
