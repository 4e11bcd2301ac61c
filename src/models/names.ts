/**
 * How the AWS CLI spells API names on the command line: `DescribeDBInstances` → `describe-db-instances`.
 * The rules are botocore's `xform_name`, so operation and flag names match the CLI's exactly.
 */

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
// A pluralized acronym at the end (GatewayARNs, ListWebACLs) stays one word: gateway-arns.
const PLURAL_ACRONYM = /[A-Z]{2,}s$/;

// Names the regular rules split wrongly; the CLI hard-codes these spellings.
const SPECIAL: Readonly<Record<string, string>> = {
  CreateCachediSCSIVolume: "create-cached-iscsi-volume",
  DescribeCachediSCSIVolumes: "describe-cached-iscsi-volumes",
  DescribeStorediSCSIVolumes: "describe-stored-iscsi-volumes",
  CreateStorediSCSIVolume: "create-stored-iscsi-volume",
  ListHITsForQualificationType: "list-hits-for-qualification-type",
  ExecutePartiQLStatement: "execute-partiql-statement",
  ExecutePartiQLTransaction: "execute-partiql-transaction",
  ExecutePartiQLBatch: "execute-partiql-batch",
};

const cache = new Map<string, string>();

/** Converts an API name (operation, member, waiter) to the CLI's kebab-case spelling. */
export function cliName(name: string): string {
  if (name.includes("-")) return name;
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let out = SPECIAL[name];
  if (out === undefined) {
    let base = name;
    const plural = PLURAL_ACRONYM.exec(base);
    if (plural) base = `${base.slice(0, -plural[0].length)}-${plural[0].toLowerCase()}`;
    out = base.replace(FIRST_CAP, "$1-$2").replace(END_CAP, "$1-$2").toLowerCase();
  }
  cache.set(name, out);
  return out;
}
