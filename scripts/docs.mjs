// Writes docs/rules.md from each rule type's metadata (description, options schema, messages),
// the way ESLint generates its rule docs. `npm run docs`; a test fails when the file is stale.
import { writeFileSync } from "node:fs";
import { RULES } from "../dist/lib.js";

export function renderRulesDoc() {
  const out = [
    "# Rule types",
    "",
    "Generated from each rule type's `meta` by `npm run docs`; do not edit by hand.",
    "A Policy rule names one of these in `type`, sets `enforcement`, an optional `match`, and options in `with`",
    "(checked against the schema below: an unknown or mistyped option is an error, exit 2).",
    "",
  ];
  for (const rule of RULES.values()) {
    const { type, description, schema, messages } = rule.meta;
    out.push(`## ${type}`, "", description, "", "| option | type | default | notes |", "| --- | --- | --- | --- |");
    const props = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    for (const [name, p] of Object.entries(props)) {
      const t = p.type ?? (p.anyOf ? p.anyOf.map((b) => b.type ?? JSON.stringify(b.const)).join(" or ") : "any");
      const notes = [p.description ?? "", required.has(name) ? "required" : "", p.pattern ? "a duration (30d, 4h, 1h30m)" : "", p.minimum !== undefined ? `≥ ${p.minimum}` : "", p.maximum !== undefined ? `≤ ${p.maximum}` : ""]
        .filter(Boolean)
        .join("; ");
      out.push(`| \`${name}\` | ${t} | ${p.default === undefined ? "" : `\`${JSON.stringify(p.default)}\``} | ${notes} |`);
    }
    out.push("", "Messages (`messageId`: text; `{{x}}` is filled from the finding's data):", "");
    for (const [id, text] of Object.entries(messages)) out.push(`- \`${id}\`: ${text}`);
    out.push("");
  }
  return out.join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  writeFileSync(new URL("../docs/rules.md", import.meta.url), renderRulesDoc());
}
