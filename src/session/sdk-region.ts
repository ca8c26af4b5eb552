/** The region the AWS SDK's own chain resolves when none is set in the environment. */
import { S3Client } from "@aws-sdk/client-s3";

/**
 * Asks the SDK's region chain (`AWS_REGION`, then the `region` of the profile `AWS_PROFILE`
 * names in `~/.aws/config` or `AWS_CONFIG_FILE`), as SDK clients built without a region do.
 * @returns the region, or undefined when the chain has none.
 */
export async function sdkChainRegion(): Promise<string | undefined> {
  const client = new S3Client({});
  try {
    const region = await client.config.region();
    return region || undefined;
  } catch {
    return undefined; // "Region is missing": resolveTarget reports it with the variables to set
  } finally {
    client.destroy();
  }
}
