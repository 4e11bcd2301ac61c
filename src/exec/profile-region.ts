/** The region a profile sets in the shared config file (the AWS CLI's fallback after AWS_REGION). */
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";

/** The region a profile configures in the shared config file, if any. */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  try {
    const { configFile } = await loadSharedConfigFiles();
    return configFile[profile ?? "default"]?.region;
  } catch {
    return undefined;
  }
}
