/** What a profile sets in the shared config file: its region (the CLI's fallback after AWS_REGION), its section. */
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";

/** The region a profile configures in the shared config file, if any. */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  return (await profileSection(profile)).region;
}

/** A profile's section of the shared config file (sub-sections as `s3.max_concurrent_requests` keys). */
export async function profileSection(
  profile: string | undefined,
): Promise<Record<string, string | undefined>> {
  try {
    const { configFile } = await loadSharedConfigFiles();
    return configFile[profile ?? "default"] ?? {};
  } catch {
    return {};
  }
}
