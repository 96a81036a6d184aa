import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Grants item writes on the table alone. `ITable.grant` would add its indexes
 * too, where writes mean nothing.
 */
export function grantItemWrites(
  table: dynamodb.ITable,
  grantee: iam.IGrantable,
  ...actions: string[]
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions, resources: [table.tableArn] }),
  );
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}
