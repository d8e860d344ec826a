/**
 * Reads a step's output the way the GitHub runner does (actions/runner, ActionCommandManager and
 * ActionCommand.TryParseV2 / TryParse), to see which workflow commands it would act on:
 * - lines end at CR, LF or CRLF (.NET's StreamReader.ReadLine);
 * - `::name props::data` after leading white space (.NET's TrimStart: Unicode white space) is a command
 *   when `name` is a known one;
 * - otherwise `##[name props]data` anywhere in the line is a (legacy) command when `name` is known;
 * - after `::stop-commands::TOKEN` nothing is a command until a command named TOKEN (either form,
 *   any case) resumes them.
 */

/** The commands the runner knows (its IActionCommandExtension names, and stop-commands). */
const KNOWN = ["add-mask", "add-matcher", "add-path", "debug", "echo", "endgroup", "error", "group", "notice", "remove-matcher", "save-state", "set-env", "set-output", "stop-commands", "warning"];

export interface RunnerCommand {
  name: string;
  form: "v2" | "legacy";
  properties: Record<string, string>;
  data: string;
  /** The whole line the command came from. */
  line: string;
}

/** Char.IsWhiteSpace: what TrimStart removes. */
const LEADING_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

function parseV2(line: string, known: Set<string>): RunnerCommand | undefined {
  const message = line.replace(LEADING_WHITE_SPACE, "");
  if (!message.startsWith("::")) return undefined;
  const end = message.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  if (!known.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(",")
      .filter(Boolean)) {
      const eq = pair.indexOf("=");
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return { name, form: "v2", properties, data: message.slice(end + 2), line };
}

function parseLegacy(line: string, known: Set<string>): RunnerCommand | undefined {
  const start = line.indexOf("##[");
  if (start < 0) return undefined;
  const close = line.indexOf("]", start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  if (!known.has(name)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .split(";")
      .filter(Boolean)) {
      const eq = pair.indexOf("=");
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return { name, form: "legacy", properties, data: line.slice(close + 1), line };
}

/** Every command the runner would act on, in order (stop-commands and the command resuming them included). */
export function runnerCommands(output: string): RunnerCommand[] {
  const acted: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    if (line === "") continue;
    const known = new Set(KNOWN);
    if (stopToken !== undefined) known.add(stopToken);
    const command = parseV2(line, known) ?? parseLegacy(line, known);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) {
        acted.push(command);
        stopToken = undefined;
      }
      continue;
    }
    if (command.name === "stop-commands") stopToken = command.data;
    acted.push(command);
  }
  return acted;
}
