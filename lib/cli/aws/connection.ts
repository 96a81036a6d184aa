import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { ControlContext } from '../../../lambdas/control/context';
import { LOCAL_LOCATION } from '../../local/aws-names';
import { DEFAULT_PORTS } from '../../local/runtime-ports';
import { readAwsCatalog } from './aws-catalog';
import { readLocalCatalog } from './local-catalog';

/** Options that choose where the execution commands send their requests. */
export interface ConnectionOptions {
  /** Use AWS with the default credential chain and region instead of the local runtime. */
  aws?: boolean;
  assembly: string;
  stepfunctionsEndpoint?: string;
  dynamodbEndpoint?: string;
  apiEndpoint?: string;
  controlFunction?: string;
  approvalsUrl?: string;
}

/** The clients and catalog of the control API, plus where approval links point. */
export interface Connection {
  context: ControlContext;
  /** Base URL of the approval pages, or undefined when it is unknown. */
  approvalsBaseUrl?: string;
  /** Whether the requests go to the local runtime rather than AWS. */
  local: boolean;
  /** Description of the Step Functions endpoint, for error messages. */
  target: string;
  close(): void;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Connects to the local runtime (the default) or to AWS. Both use the same
 * SDK clients and the same control API code, so only the endpoints,
 * credentials and catalog source differ.
 */
export async function connect(options: ConnectionOptions): Promise<Connection> {
  // The project runs on Node.js 20, so the SDK's notice that later versions need Node.js 22
  // would precede every command's output. @aws-sdk/core 3.981 reads this variable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  return options.aws ? connectAws(options) : connectLocal(options);
}

function connectLocal(options: ConnectionOptions): Connection {
  const stepFunctionsEndpoint =
    options.stepfunctionsEndpoint ?? process.env.AWS_ENDPOINT_URL_SFN ?? loopbackUrl(DEFAULT_PORTS.stepFunctions);
  const dynamodbEndpoint =
    options.dynamodbEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? loopbackUrl(DEFAULT_PORTS.dynamodb);
  const apiEndpoint =
    options.apiEndpoint ?? process.env.AWS_ENDPOINT_URL_API_GATEWAY ?? loopbackUrl(DEFAULT_PORTS.apiGateway);
  const catalog = readLocalCatalog(options.assembly, apiEndpoint);

  const common = { region: LOCAL_LOCATION.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const sfn = new SFNClient({ ...common, endpoint: stepFunctionsEndpoint });
  const dynamodb = new DynamoDBClient({ ...common, endpoint: dynamodbEndpoint });
  const documents = documentClient(dynamodb);

  return {
    context: { sfn, documents, tableName: catalog.tableName, workflows: catalog.workflows },
    approvalsBaseUrl: options.approvalsUrl ?? catalog.approvalsBaseUrl,
    local: true,
    target: `the local runtime at ${stepFunctionsEndpoint}`,
    close: () => {
      sfn.destroy();
      dynamodb.destroy();
    },
  };
}

async function connectAws(options: ConnectionOptions): Promise<Connection> {
  const controlFunction = options.controlFunction ?? process.env.SIROCCO_CONTROL_FUNCTION;
  const lambda = new LambdaClient({});
  let catalog;
  try {
    catalog = await readAwsCatalog(lambda, controlFunction);
  } finally {
    lambda.destroy();
  }
  const sfn = new SFNClient({});
  const dynamodb = new DynamoDBClient({});
  const documents = documentClient(dynamodb);

  return {
    context: { sfn, documents, tableName: catalog.tableName, workflows: catalog.workflows },
    approvalsBaseUrl: options.approvalsUrl,
    local: false,
    target: 'AWS',
    close: () => {
      sfn.destroy();
      dynamodb.destroy();
    },
  };
}

/** Wraps the client for the history rows. Its destroy() does nothing, so close the DynamoDBClient itself. */
function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

function loopbackUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}
