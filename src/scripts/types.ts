/** Agent scripts: step-by-step plans of AWS CLI commands an agent follows for a task. */

/** A parameter a script's commands use as `{name}`. */
export interface ScriptParameter {
  name: string;
  description: string;
  /** A realistic value, used to validate the script's commands against the models. */
  example: string;
  required?: boolean;
}

/** One loaded script. */
export interface AgentScript {
  name: string;
  description: string;
  parameters: ScriptParameter[];
  tags: string[];
  readOnly: boolean;
  /** The Markdown body: the plan itself. */
  body: string;
  source: "bundled" | "user";
  path: string;
}

/** A file that could not be loaded, and why. */
export interface ScriptProblem {
  path: string;
  reason: string;
}
