/**
 * Untrusted text (file names, values from manifests, messages quoting them) on its way to a terminal
 * or a runner's log. Library-agnostic: callers pass the result to whatever writes (process.stdout,
 * @actions/core's info).
 */
/** Shows control characters as \u{..} (as values are quoted in messages): the text stays one line and cannot drive a terminal. */
export declare function withoutControls(text: string): string;
/**
 * One line of the GitHub runner's log that cannot act as a workflow command, whatever it quotes. The
 * runner reads a line as a command when, after leading white space, it starts with `::name` (and the
 * name is a known command), or when `##[name` appears anywhere in it (the legacy form); it splits lines
 * on CR as well as LF. So: controls as \u{..} (no line of the caller's can become two), a leading `::`
 * with its first colon as \u{3a}, every `##[` as `##\u{5b}`. Every line Blastgate writes to the log
 * that is not its own workflow command goes through here.
 */
export declare function inertLogLine(text: string): string;
/** A line that is already one line (controls shown or trusted, as in a coloured report) made inert: `##[` and a leading `::`. */
export declare function withoutCommands(line: string): string;
/** JSON text whose strings cannot act as legacy workflow commands: `[` after `##` as \u005b, the same JSON value. */
export declare function inertJson(json: string): string;
/**
 * Untrusted text (from a manifest, the catalog or the inventory) as the inside of a quoted Mermaid label
 * (`a["…"]`, `-->|"…"|`, a gantt task name), showing exactly the same characters. Everything but letters,
 * digits, spaces and `.,-_/()+'` becomes a Mermaid entity code (`#34;`), so no quote or bracket ends the
 * label, no `%%` starts a comment or a `%%{init:}` directive (Mermaid finds those anywhere in the text), no
 * `:` or `;` ends a gantt task name, no `<` starts HTML, no backtick ends the Markdown fence or makes a
 * Markdown string, and a `click` or `-->` stays words. Controls, line breaks and bidirectional overrides become spaces (one line, in order).
 */
export declare function mermaidLabel(text: string): string;
