import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface HistoryTableProps {
  /**
   * Removal policy of the table.
   * @default RemovalPolicy.RETAIN, because the table contains the audit trail of approvals
   */
  removalPolicy?: RemovalPolicy;
}

/**
 * The single DynamoDB table of execution, task and approval history:
 * key `pk`/`sk`, GSIs `byWorkflow` (`gsi1pk`/`gsi1sk`) and `byStatus`
 * (`gsi2pk`/`gsi2sk`), TTL attribute `expiresAt` in epoch seconds.
 */
export class HistoryTable extends Construct {
  static readonly BY_WORKFLOW_INDEX = 'byWorkflow';
  static readonly BY_STATUS_INDEX = 'byStatus';
  static readonly TTL_ATTRIBUTE = 'expiresAt';

  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: HistoryTableProps = {}) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: HistoryTable.TTL_ATTRIBUTE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.table.addGlobalSecondaryIndex({
      indexName: HistoryTable.BY_WORKFLOW_INDEX,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
    });
    this.table.addGlobalSecondaryIndex({
      indexName: HistoryTable.BY_STATUS_INDEX,
      partitionKey: { name: 'gsi2pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: dynamodb.AttributeType.STRING },
    });
  }
}
