import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { access, appendFile, constants } from "node:fs/promises";
import { EOL } from "node:os";

/**
 * The runner's protocol (INPUT_* variables, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * workflow commands on stdout), spoken directly: @actions/core does the same but bundles undici,
 * a third of dist/index.js, which the Action never uses. Formats and escaping follow @actions/core 3.
 */

/** An input as the runner passes it: INPUT_<NAME>, spaces as underscores, upper case, trimmed. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "").trim();
}

/** Appends `name<<delimiter` heredoc lines to GITHUB_OUTPUT (a set-output command without it). */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT || "";
  if (!file) {
    process.stdout.write(EOL);
    command("set-output", { name }, value);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  // A name or value holding the delimiter could end the heredoc early and set other outputs.
  if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (value.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: "utf8" });
}

/** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error("Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.");
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(file, markdown, { encoding: "utf8" });
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function debug(message: string): void {
  command("debug", {}, message);
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** An error, warning or notice annotation: `::error title=..,file=..,line=..,col=..::message`. */
export function annotate(level: "error" | "warning" | "notice", message: string, props: AnnotationProperties = {}): void {
  command(level, { title: props.title, file: props.file, line: props.startLine, col: props.startColumn }, message);
}

/** `::name key=value,...::message`; properties without a value (undefined, "", 0) are left out, as @actions/core does. */
function command(name: string, properties: Record<string, string | number | undefined>, message: string): void {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  process.stdout.write(`::${name}${pairs.length ? ` ${pairs.join(",")}` : ""}::${escapeData(message)}${EOL}`);
}

const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
