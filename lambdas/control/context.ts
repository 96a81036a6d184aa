import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WorkflowCatalog } from './workflow-catalog';

/** Clients and configuration that every route uses. */
export interface ControlContext {
  sfn: SFNClient;
  documents: DynamoDBDocumentClient;
  tableName: string;
  workflows: WorkflowCatalog;
}
