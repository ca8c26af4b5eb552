/**
 * SageMaker ARNs (docs/local-stack-wire.md §2.6): `arn:aws:sagemaker:{region}:{account}:{type}/{name}`
 * with the name lower-cased, as AWS does. The original case lives on in the resource's name.
 */

/** Resource types that appear in control-plane ARNs. */
export type ArnResourceType = "model" | "endpoint-config" | "endpoint";

/** Where the stack pretends to live. */
export interface AccountScope {
  region: string;
  accountId: string;
}

/** Builds the ARN of a model, endpoint config or endpoint. */
export function sageMakerArn(scope: AccountScope, type: ArnResourceType, name: string): string {
  return `arn:aws:sagemaker:${scope.region}:${scope.accountId}:${type}/${name.toLowerCase()}`;
}

/** The CloudWatch log group AWS names in ModelError messages. */
export function endpointLogGroupArn(scope: AccountScope, endpointName: string): string {
  return `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:/aws/sagemaker/Endpoints/${endpointName}`;
}
