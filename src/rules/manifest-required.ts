import { governedScripts } from "./scripts.js";
import { defineRule } from "./types.js";

interface Options {
  scripts: string[];
}

/**
 * A governed script does not change on its own: a manifest at head names it in `metadata.scripts`, and
 * that manifest is judged with the change (the loader adds it even when it did not change).
 */
export default defineRule<Options>({
  meta: {
    type: "manifest-required",
    description:
      "A change to a governed script (a path `with.scripts` matches) needs a manifest at head whose `metadata.scripts` names it (a path or a glob); such manifests are judged even when unchanged. The finding is on the script. Judged once per change; takes no `match`.",
    docs: "https://github.com/blastgate/blastgate/blob/main/docs/rules.md#manifest-required",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["scripts"],
      properties: {
        scripts: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, description: "globs (minimatch) of governed script paths, repository-relative" },
      },
    },
    messages: {
      noManifest: "{{script}} is a governed script ({{glob}}) and no manifest names it in metadata.scripts: add an Operation manifest for what it does",
    },
  },
  // Judged per change, in checkChanges: a manifest on its own has nothing to say here.
  check() {},
  checkChanges(ctx) {
    for (const s of governedScripts(ctx.options.scripts, ctx.changes.files, ctx.changes.manifests)) {
      if (s.manifests.length > 0) continue;
      ctx.report({
        location: { file: s.script, line: 1, column: 1 },
        subject: s.script,
        messageId: "noManifest",
        data: { script: s.script, glob: s.glob },
        evidence: { script: s.script, glob: s.glob, changed: ctx.changes.changed },
      });
    }
  },
});
