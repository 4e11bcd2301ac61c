/** The program's name and version, from package.json so there is one place to bump. */
import pkg from "../package.json" with { type: "json" };

/** The command's name as users type it. */
export const PROGRAM_NAME = "aws-api-mcp";

/** The program's version. */
export const VERSION: string = pkg.version;
