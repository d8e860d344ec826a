import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { check, checkText, copyOfRepo, DISCOVERY, mandatoryOf, problemsOf } from "./support.js";

/**
 * Hostile and broken input, each case a file of test/hardening/fixtures/repo (or made at test time
 * when it cannot be committed), run through the CLI as a child process. Input Blastgate refuses is
 * exit 2 with the file, line and column; a manifest it can judge but must stop is exit 1. Nothing
 * here may exit 0 unless the case is benign formatting that must resolve to exactly the written ids.
 */

type Problem = [code: string, at: string, message: string];

/** Cases refused as input: exit 2, exactly these problems. */
const REFUSED: [name: string, manifest: string, policies: string, problems: Problem[]][] = [
  // YAML
  ["alias expansion bomb", "manifests/yaml/alias-bomb.yaml", "policies", [["limit", "manifests/yaml/alias-bomb.yaml:9:12", "more than 100 aliases (*name) in one document (limit maxAliases)"]]],
  ["nesting 100 levels deep", "manifests/yaml/deep-nesting.yaml", "policies", [["limit", "manifests/yaml/deep-nesting.yaml:6:79", "nesting deeper than 64 levels (limit maxDepth)"]]],
  ["duplicate keys", "manifests/yaml/duplicate-keys.yaml", "policies", [["yaml", "manifests/yaml/duplicate-keys.yaml:11:3", "duplicate key 'environment' (first on line 7): write each key once"]]],
  [
    "a second document below the reviewed one",
    "manifests/yaml/multiple-documents.yaml",
    "policies",
    [["manifest", "manifests/yaml/multiple-documents.yaml:13:1", "manifests/yaml/multiple-documents.yaml holds 2 YAML documents; a manifest file holds one Operation: move document 2 to a file of its own"]],
  ],
  ["a merge key smuggling fields", "manifests/yaml/merge-key.yaml", "policies", [["yaml", "manifests/yaml/merge-key.yaml:9:3", "merge keys (<<) are not allowed: write each field out"]]],
  ["a !!js/function tag", "manifests/yaml/tag-js-function.yaml", "policies", [["yaml", "manifests/yaml/tag-js-function.yaml:6:16", "YAML tag !!js/function is not allowed: write plain values"]]],
  ["a custom tag", "manifests/yaml/tag-custom.yaml", "policies", [["yaml", "manifests/yaml/tag-custom.yaml:7:16", "YAML tag !env is not allowed: write plain values"]]],
  ["a __proto__ key", "manifests/yaml/proto-key.yaml", "policies", [["yaml", "manifests/yaml/proto-key.yaml:7:3", "key '__proto__' is not allowed"]]],
  [
    "constructor and prototype keys",
    "manifests/yaml/constructor-key.yaml",
    "policies",
    [["schema", "manifests/yaml/constructor-key.yaml:11:3", "unknown field 'constructor' in spec (known: environment, action, target, deletion, rollout, rollback)"]],
  ],
  [
    "YAML 1.1 values in enum and name positions stay the written text",
    "manifests/yaml/yaml11-enum.yaml",
    "policies",
    [
      ["schema", "manifests/yaml/yaml11-enum.yaml:9:19", "spec.target.kind must be a lowercase name (letters, digits, - and _), not '0x1F'"],
      ["schema", "manifests/yaml/yaml11-enum.yaml:10:21", "spec.deletion.mode must be one of 'soft', 'hard', not 'off'"],
    ],
  ],
  [
    "a newline and a terminal escape in text a report shows",
    "manifests/yaml/control-characters.yaml",
    "policies",
    [
      ["schema", "manifests/yaml/control-characters.yaml:6:11", "metadata.ticket must be one line of text without control characters, not 'OPS-1\\u{1b}[2J'"],
      ["schema", "manifests/yaml/control-characters.yaml:23:17", "spec.rollout.stages[0].name must be one line of text without control characters, not 'canary\\u{a}::error::all clear'"],
    ],
  ],
  ["an empty item in an inline identifier list", "manifests/yaml/empty-item.yaml", "policies", [["identifier-character", "manifests/yaml/empty-item.yaml:13:8", "identifier is empty"]]],
  ["an identifier over 512 characters", "manifests/yaml/huge-identifier.yaml", "policies", [["identifier-character", "manifests/yaml/huge-identifier.yaml:13:9", "identifier is longer than 512 characters (limit maxIdentifierLength)"]]],

  // Identifier files
  [
    "a zero-width space inside an identifier",
    "manifests/identifiers/zero-width-space.yaml",
    "policies",
    [["identifier-character", "ids/hostile/zero-width-space.txt:2:1", "identifier 'app-\\u{200b}0002' contains the invisible character U+200B at position 5"]],
  ],
  ["a non-breaking space after an identifier", "manifests/identifiers/nbsp.yaml", "policies", [["identifier-character", "ids/hostile/nbsp.txt:2:1", "identifier 'app-0002\\u{a0}' contains the invisible character U+00A0 at position 9"]]],
  [
    "a Cyrillic homoglyph",
    "manifests/identifiers/homoglyph.yaml",
    "policies",
    [["identifier-character", "ids/hostile/homoglyph.txt:2:1", "identifier '\\u{430}pp-0002' contains the non-ASCII character 'а' (U+0430) at position 1; identifiers are ASCII, and a look-alike letter names a different object"]],
  ],
  [
    "blank lines and comments only",
    "manifests/identifiers/blank-only.yaml",
    "policies",
    [["identifier-empty", "ids/hostile/blank-only.txt:1:1", "identifier file ids/hostile/blank-only.txt holds no identifiers (blank lines and comments only): an empty run is refused, not a no-op"]],
  ],
  ["one identifier repeated", "manifests/identifiers/repeated.yaml", "policies", [["identifier-duplicate", "ids/hostile/repeated.txt:3:1", "duplicate identifier 'app-0001' (first on line 1)"]]],
  ["a binary file", "manifests/identifiers/binary.yaml", "policies", [["identifier-binary", "ids/hostile/binary.bin:1:1", "ids/hostile/binary.bin is not a text file (NUL byte on line 1)"]]],
  ["a file that is not UTF-8", "manifests/identifiers/not-utf8.yaml", "policies", [["file", "manifests/identifiers/not-utf8.yaml:11:13", "identifier file ids/hostile/not-utf8.txt is not UTF-8 text"]]],

  // Paths
  ["a path climbing out with ..", "manifests/paths/dot-dot.yaml", "policies", [["file", "manifests/paths/dot-dot.yaml:11:13", "identifier file ../../../../../../etc/passwd leaves the repository"]]],
  ["a path that climbs out and back in", "manifests/paths/dot-dot-inside.yaml", "policies", [["file", "manifests/paths/dot-dot-inside.yaml:11:13", "identifier file ids/../../repo/ids/apps.txt leaves the repository"]]],
  ["an absolute path", "manifests/paths/absolute.yaml", "policies", [["file", "manifests/paths/absolute.yaml:11:13", "identifier file /etc/passwd is absolute; paths are relative to the repository root"]]],
  ["a Windows absolute path", "manifests/paths/windows-absolute.yaml", "policies", [["file", "manifests/paths/windows-absolute.yaml:11:13", "identifier file C:\\Windows\\win.ini is absolute; paths are relative to the repository root"]]],
  ["a path with a NUL byte", "manifests/paths/nul-byte.yaml", "policies", [["file", "manifests/paths/nul-byte.yaml:11:13", "identifier file ids/apps.txt\\u{0}.yaml contains a NUL byte"]]],
  ["the manifest naming itself", "manifests/paths/self.yaml", "policies", [["file", "manifests/paths/self.yaml:11:13", "the identifier file is the manifest itself (manifests/paths/self.yaml): name a plain text file of identifiers"]]],
  [
    "the manifest naming itself through ./ and ..",
    "manifests/paths/self-dotted.yaml",
    "policies",
    [
      [
        "file",
        "manifests/paths/self-dotted.yaml:11:13",
        "identifier file ./manifests/paths/../paths/self-dotted.yaml is not written in its canonical form 'manifests/paths/self-dotted.yaml' (a . or .. segment): write each path one way, as the repository lists it",
      ],
    ],
  ],
  ["a file that does not exist", "manifests/paths/missing.yaml", "policies", [["file", "manifests/paths/missing.yaml:11:13", "identifier file ids/does-not-exist.txt does not exist"]]],
  ["a directory where a file is expected", "manifests/paths/directory.yaml", "policies", [["file", "manifests/paths/directory.yaml:11:13", "identifier file ids is a directory, not a file"]]],

  // Policies and catalogs (the good manifest against a broken policies directory)
  [
    "a rule type that does not exist",
    "manifests/good.yaml",
    "policies-cases/unknown-rule-type",
    [["policy", "policies-cases/unknown-rule-type/policy.yaml:7:11", `rule 'target-kind' has type 'identifer-kind', which is not a rule type (did you mean 'identifier-kind'? known: ${[...RULES.keys()].join(", ")})`]],
  ],
  [
    "a rule option of the wrong type",
    "manifests/good.yaml",
    "policies-cases/wrong-option-type",
    [["schema", "policies-cases/wrong-option-type/policy.yaml:15:19", "rule 'bulk-limits' (blast-radius): rules[1].with.maxTargets must be a whole number, not a string"]],
  ],
  [
    "a negative duration (-1h)",
    "manifests/good.yaml",
    "policies-cases/negative-duration",
    [["schema", "policies-cases/negative-duration/policy.yaml:25:21", "rule 'recoverable' (rollback-plan): rules[2].with.minRetention must be a duration such as 30d, 4h or 1h30m (units s, m, h, d, w, y), not '-1h'"]],
  ],
  ["a duration of 999999999y", "manifests/good.yaml", "policies-cases/huge-duration", [["policy", "policies-cases/huge-duration/policy.yaml:28:15", "rule 'recoverable': with.maxRto: '999999999y' is longer than 100 years"]]],
  [
    "a YAML 1.1 boolean (yes) in the catalog",
    "manifests/good.yaml",
    "policies-cases/yaml11-boolean",
    [["schema", "policies-cases/yaml11-boolean/catalog.yaml:15:43", "actions.remove-app.destructive must be true or false, not a string ('yes' is text in YAML 1.2, which Blastgate reads: write true or false)"]],
  ],

  [
    "rules matching on environment with no environment list in the catalog",
    "manifests/good.yaml",
    "policies-cases/no-environments",
    [
      [
        "policy",
        "policies-cases/no-environments/policy.yaml:9:9",
        "rule 'bulk-limits' matches on environment, but the catalog lists no environments: a manifest naming its environment differently would not be judged by it; add environments: [...] to the catalog",
      ],
      [
        "policy",
        "policies-cases/no-environments/policy.yaml:18:9",
        "rule 'recoverable' matches on environment, but the catalog lists no environments: a manifest naming its environment differently would not be judged by it; add environments: [...] to the catalog",
      ],
    ],
  ],
  [
    "a rule matching a misspelt environment or kind",
    "manifests/good.yaml",
    "policies-cases/match-typo",
    [
      ["policy", "policies-cases/match-typo/policy.yaml:9:9", "rule 'bulk-limits' matches environment 'prodution', which the catalog does not know (did you mean 'production'?): the rule would never apply; known: production, staging"],
      ["policy", "policies-cases/match-typo/policy.yaml:18:9", "rule 'recoverable' matches kind 'sites', which the catalog does not know (did you mean 'site'?): the rule would never apply; known: site, app"],
    ],
  ],
  [
    "an inventory with malformed rows and a duplicate id",
    "manifests/good.yaml",
    "policies-cases/hostile-inventory",
    [
      ["inventory", "inventory/hostile.ndjson:5:1", "malformed inventory row: not valid JSON"],
      ["inventory", "inventory/hostile.ndjson:6:1", "malformed inventory row: field 'kind' is missing"],
      ["inventory", "inventory/hostile.ndjson:7:1", "duplicate id 'app-0001' in the inventory"],
      ["inventory", "inventory/hostile.ndjson:8:1", "malformed inventory row: 'protected' must be true or false"],
    ],
  ],

  // The manifest trying to disarm the check
  [
    "environment 'Production'",
    "manifests/disarm/environment-capitalised.yaml",
    "policies",
    [["schema", "manifests/disarm/environment-capitalised.yaml:6:16", "spec.environment must be lowercase letters, digits and dashes (e.g. production), not 'Production' (did you mean 'production'?)"]],
  ],
  [
    "environment 'prod ' (trailing space)",
    "manifests/disarm/environment-trailing-space.yaml",
    "policies",
    [["schema", "manifests/disarm/environment-trailing-space.yaml:6:16", "spec.environment must be lowercase letters, digits and dashes (e.g. production), not 'prod ' (did you mean 'production'?)"]],
  ],
  [
    "environment 'prod'",
    "manifests/disarm/environment-unknown.yaml",
    "policies",
    [["manifest", "manifests/disarm/environment-unknown.yaml:6:16", "spec.environment 'prod' is not an environment the catalog knows (did you mean 'production'?); known: production, staging"]],
  ],
  [
    "an action not in the catalog",
    "manifests/disarm/action-unknown.yaml",
    "policies",
    [["manifest", "manifests/disarm/action-unknown.yaml:7:11", "spec.action 'remove-apps' is not an action in the catalog (did you mean 'remove-app'?); known: remove-app, delete-site"]],
  ],
  ["stages covering fewer targets", "manifests/disarm/stages-short.yaml", "policies", [["manifest", "manifests/disarm/stages-short.yaml:20:5", "spec.rollout.stages cover 2 of 3 targets: 1 would never run (or run outside any stage)"]]],
  ["stages covering more targets", "manifests/disarm/stages-over.yaml", "policies", [["manifest", "manifests/disarm/stages-over.yaml:20:5", "spec.rollout.stages add up to 4, but there are 3 targets"]]],
  ["a percent over 100", "manifests/disarm/percent-over-100.yaml", "policies", [["schema", "manifests/disarm/percent-over-100.yaml:21:31", "spec.rollout.stages[0].percent is 150, over the maximum of 100"]]],
  ["restoreRate 0/h", "manifests/disarm/restore-rate-zero.yaml", "policies", [["schema", "manifests/disarm/restore-rate-zero.yaml:17:18", "spec.rollback.restoreRate: restore rate '0/h' is zero: nothing would ever be restored"]]],
  [
    "restoreRate 0",
    "manifests/disarm/restore-rate-zero-number.yaml",
    "policies",
    [["schema", "manifests/disarm/restore-rate-zero-number.yaml:17:18", "spec.rollback.restoreRate must be a rate such as 50/h (objects per s, m, h, d or w), not '0'"]],
  ],
  ["an RTO of 999999999y", "manifests/disarm/rto-huge.yaml", "policies", [["schema", "manifests/disarm/rto-huge.yaml:18:10", "spec.rollback.rto: '999999999y' is longer than 100 years"]]],
  [
    "a retention of -1h",
    "manifests/disarm/retention-negative.yaml",
    "policies",
    [["schema", "manifests/disarm/retention-negative.yaml:14:16", "spec.deletion.retention must be a duration such as 30d, 4h or 1h30m (units s, m, h, d, w, y), not '-1h'"]],
  ],
  [
    "limits set in the manifest",
    "manifests/disarm/limits-in-manifest.yaml",
    "policies",
    [["schema", "manifests/disarm/limits-in-manifest.yaml:15:3", "unknown field 'limits' in spec (known: environment, action, target, deletion, rollout, rollback)"]],
  ],
  [
    "a Policy with limits beside the manifest, in its file",
    "manifests/disarm/policy-in-manifest.yaml",
    "policies",
    [["manifest", "manifests/disarm/policy-in-manifest.yaml:8:1", "manifests/disarm/policy-in-manifest.yaml holds 2 YAML documents; a manifest file holds one Operation: move document 2 to a file of its own"]],
  ],
];

describe.concurrent("hostile input is refused: exit 2, the file, line and column, no stack trace", () => {
  it.each(REFUSED)("%s", async (_name, manifest, policies, problems) => {
    const o = await check(manifest, { policies });
    expect(o.exit).toBe(2);
    expect(o.report.verdict).toBe("error");
    expect(problemsOf(o)).toEqual(problems);
    expect(o.stderr).toBe("");
  });

  it("the text report names the same place, with no stack trace", async () => {
    const sample = ["alias expansion bomb", "a zero-width space inside an identifier", "a path climbing out with ..", "a rule type that does not exist", "environment 'Production'"];
    const picked = REFUSED.filter(([name]) => sample.includes(name));
    expect(picked).toHaveLength(sample.length);
    for (const [, manifest, policies, problems] of picked) {
      const t = await checkText(manifest, { policies });
      expect(t.exit).toBe(2);
      expect(t.stdout).toMatch(/^ERROR: Blastgate could not judge/);
      for (const [, at, message] of problems) expect(t.stdout).toContain(`${at}  ${message}`);
    }
  });
});

describe.concurrent("a manifest that cannot be trusted is blocked: exit 1 with the finding", () => {
  it("YAML 1.1 surprises (no, on, 0x1F, 1e3, 1:20, 0012) stay the written identifiers", async () => {
    // The inventory holds objects named exactly so, of kind site: only the exact strings resolve there.
    const o = await check("manifests/yaml/yaml11-identifiers.yaml");
    expect(o.exit).toBe(1);
    expect(o.report.plans[0]!.byKind).toEqual({ site: 6 });
    const wrong = o.report.findings.find((f) => f.messageId === "wrongKind")!;
    expect(wrong.location).toEqual({ file: "manifests/yaml/yaml11-identifiers.yaml", line: 12, column: 9 });
    expect(wrong.evidence.examples).toEqual(["no", "on", "0x1F", "1e3", "1:20"]);
    expect(wrong.message).toBe("6 of 6 identifiers are site, not app: 'no' (line 12), 'on' (line 13), '0x1F' (line 14) and 3 more");
  });

  it("a target kind that does not match the action", async () => {
    const o = await check("manifests/disarm/kind-mismatch.yaml");
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([["target-kind", "actionKind", "manifests/disarm/kind-mismatch.yaml:9:11"]]);
    expect(o.report.findings[0]!.message).toBe("action 'delete-site' acts on 'site', but spec.target.kind is 'app'");
  });

  it("a catastrophic-backtracking pattern runs in linear time and matches nothing it should not", async () => {
    // (a+)+$ against 'aaa…!' takes a backtracking engine 2^n steps; with RE2 the run simply finishes.
    const o = await check("manifests/catalog/redos.yaml", { policies: "policies-cases/redos" });
    expect(o.exit).toBe(1);
    const unresolved = o.report.findings.find((f) => f.messageId === "unresolved")!;
    expect(unresolved.location).toEqual({ file: "ids/hostile/redos.txt", line: 2, column: 1 });
    expect(unresolved.evidence.count).toBe(10);
  });

  it("two kinds whose patterns overlap: an identifier matching both is ambiguous", async () => {
    const o = await check("manifests/catalog/ambiguous.yaml", { policies: "policies-cases/overlap" });
    expect(o.exit).toBe(1);
    expect(mandatoryOf(o)).toEqual([["target-kind", "ambiguous", "manifests/catalog/ambiguous.yaml:11:19"]]);
    expect(o.report.findings[0]!.evidence.kinds).toEqual(["site", "app"]);
  });
});

describe.concurrent("manifest paths on the command line", () => {
  it.each([
    ["a directory", "ids", [["file", "ids:1:1", "ids is a directory, not a file"]]],
    ["a file outside the repository", "../../cli.test.ts", [["file", "../../cli.test.ts:1:1", "../../cli.test.ts leaves the repository"]]],
    ["a plain text file", "ids/apps.txt", [["schema", "ids/apps.txt:1:1", "document 1 of ids/apps.txt is not a map with apiVersion and kind"]]],
  ] as [string, string, Problem[]][])("%s", async (_name, manifest, problems) => {
    const o = await check(manifest);
    expect(o.exit).toBe(2);
    expect(problemsOf(o)).toEqual(problems);
  });
});

describe("with no manifest named, every manifest is found, however it is written", () => {
  it("a quoted kind key, flow (JSON) style, an escaped 'Operation'", async () => {
    const o = await check(undefined, { root: DISCOVERY });
    expect(o.report.problems).toEqual([]);
    expect(o.report.plans.map((p) => p.manifest)).toEqual(["ops/escaped.yaml", "ops/flow.yaml", "ops/quoted-key.yaml"]);
    expect(o.exit).toBe(1);
    expect(
      mandatoryOf(o)
        .filter(([, messageId]) => messageId === "hardDelete")
        .map(([, , at]) => at.split(":")[0]),
    ).toEqual(["ops/escaped.yaml", "ops/flow.yaml", "ops/quoted-key.yaml"]);
  });
});

describe.concurrent("overlapping patterns are caught when the catalog loads, from its example identifiers", () => {
  it("an example of one kind that another kind's pattern also matches", async () => {
    const o = await check("manifests/good.yaml", { policies: "policies-cases/overlap-examples" });
    expect(o.exit).toBe(2);
    expect(problemsOf(o)).toEqual([
      ["catalog", "policies-cases/overlap-examples/catalog.yaml:12:18", "kinds.site.identifier.examples: 'site-0001' also matches the pattern of 'app': the patterns overlap, so an identifier like it cannot be told to be site or app"],
    ]);
  });
});

describe.concurrent("benign formatting resolves to exactly the written identifiers", () => {
  it.each(["crlf", "bom", "trailing-spaces"])("%s", async (name) => {
    // If a CR, the BOM or a space stayed in an identifier it would resolve nowhere and be blocked.
    const o = await check(`manifests/identifiers/${name}.yaml`);
    expect(o.report.problems).toEqual([]);
    expect(o.report.plans[0]!.byKind).toEqual({ app: 3 });
    expect(o.report.plans[0]!.targets).toBe(3);
    expect(o.exit).toBe(0);
  });
});

describe.concurrent("limits are the policy owner's: each is honoured, and none comes from the manifest", () => {
  const cases: [string, Problem][] = [
    ["document-bytes", ["file", "manifests/limits/document-bytes.yaml:1:1", "manifests/limits/document-bytes.yaml is 2755 bytes, over the limit of 2048 bytes (limit maxDocumentBytes)"]],
    ["identifier-file-bytes", ["file", "manifests/limits/identifier-file-bytes.yaml:11:13", "identifier file ids/apps-commented.txt is 106 bytes, over the limit of 64 bytes (limit maxIdentifierFileBytes)"]],
    ["identifier-count", ["limit", "ids/apps.txt:3:1", "more than 2 identifiers (limit maxIdentifiers)"]],
    ["identifier-length", ["identifier-character", "manifests/limits/identifier-length.yaml:11:9", "identifier is longer than 8 characters (limit maxIdentifierLength)"]],
    ["depth", ["limit", "manifests/limits/depth.yaml:21:17", "nesting deeper than 4 levels (limit maxDepth)"]],
    ["aliases", ["limit", "manifests/limits/aliases.yaml:7:16", "more than 1 alias (*name) in one document (limit maxAliases)"]],
    ["nodes", ["limit", "manifests/limits/nodes.yaml:41:11", "document has more than 40 values, aliases expanded (limit maxNodes)"]],
  ];
  it.each(cases)("%s: refused under the policy's limit, allowed under the defaults", async (name, problem) => {
    const manifest = `manifests/limits/${name}.yaml`;
    const limited = await check(manifest, { policies: "policies-cases/small-limits" });
    expect(limited.exit).toBe(2);
    expect(problemsOf(limited)).toEqual([problem]);
    const defaults = await check(manifest);
    expect(defaults.report.problems).toEqual([]);
    expect(defaults.exit).toBe(0);
  });
});

describe("cases made at test time (too big or too odd to commit)", () => {
  it("a 1 GB identifier file is refused by its size, without being read", async () => {
    const root = copyOfRepo();
    truncateSync(writeEmpty(path.join(root, "ids/huge.txt")), 1024 ** 3); // sparse: no disk, no read
    writeFileSync(path.join(root, "manifests/huge.yaml"), manifestNaming("ids/huge.txt"));
    const o = await check("manifests/huge.yaml", { root });
    expect(problemsOf(o)).toEqual([["file", "manifests/huge.yaml:11:13", "identifier file ids/huge.txt is 1024 MiB, over the limit of 256 MiB (limit maxIdentifierFileBytes)"]]);
  });

  it("a 3 GB inventory is refused by its size, without being read", async () => {
    const root = copyOfRepo();
    truncateSync(path.join(root, "inventory/objects.ndjson"), 3 * 1024 ** 3);
    const o = await check("manifests/good.yaml", { root });
    expect(problemsOf(o)).toEqual([["file", "policies/catalog.yaml:7:12", "inventory inventory/objects.ndjson is 3072 MiB, over the limit of 2048 MiB (limit maxInventoryBytes)"]]);
  });

  it("a manifest of 9 MiB (one huge scalar) is refused by maxDocumentBytes", async () => {
    const root = copyOfRepo();
    writeFileSync(path.join(root, "manifests/huge.yaml"), manifestNaming("ids/apps.txt").replace("  name: m\n", `  name: m\n  description: "${"x".repeat(9 * 1024 * 1024)}"\n`));
    const o = await check("manifests/huge.yaml", { root });
    expect(problemsOf(o)).toEqual([["file", "manifests/huge.yaml:1:1", "manifests/huge.yaml is 9.0 MiB, over the limit of 8.0 MiB (limit maxDocumentBytes)"]]);
  });

  it("a huge scalar under the size limit is refused by the schema, shown shortened", async () => {
    const root = copyOfRepo();
    writeFileSync(path.join(root, "manifests/long.yaml"), manifestNaming("ids/apps.txt").replace("  name: m\n", `  name: m\n  description: ${"x".repeat(1024 * 1024)}\n`));
    const o = await check("manifests/long.yaml", { root });
    expect(problemsOf(o)).toEqual([["schema", "manifests/long.yaml:5:16", `metadata.description is longer than 10000 characters ('${"x".repeat(57)}...')`]]);
  });

  it("nesting 100,000 levels deep is refused, not a stack overflow", async () => {
    const root = copyOfRepo();
    writeFileSync(path.join(root, "manifests/deep.yaml"), manifestNaming("ids/apps.txt").replace("  name: m\n", `  name: m\n  description: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`));
    const o = await check("manifests/deep.yaml", { root });
    expect(o.exit).toBe(2);
    expect(o.report.problems).toHaveLength(1);
    expect(o.report.problems[0]!.code).toBe("limit");
    expect(o.report.problems[0]!.location.file).toBe("manifests/deep.yaml");
    expect(o.report.problems[0]!.message).toBe("nesting too deep to read (limit maxDepth: 64 levels)");
  });

  it("a symbolic link to a file outside the repository", async () => {
    const root = copyOfRepo();
    writeFileSync(path.join(root, "../outside-secret.txt"), "app-0001\n");
    symlinkSync("../../outside-secret.txt", path.join(root, "ids/outside.txt"));
    const o = await check("manifests/paths/symlink-outside.yaml", { root });
    expect(problemsOf(o)).toEqual([["file", "manifests/paths/symlink-outside.yaml:11:13", "identifier file ids/outside.txt resolves outside the repository (through a symbolic link)"]]);
  });

  it("a symbolic link to a directory outside the repository", async () => {
    const root = copyOfRepo();
    mkdirSync(path.join(root, "../outside-dir"));
    writeFileSync(path.join(root, "../outside-dir/ids.txt"), "app-0001\n");
    symlinkSync("../../outside-dir", path.join(root, "ids/linked"));
    writeFileSync(path.join(root, "manifests/linked.yaml"), manifestNaming("ids/linked/ids.txt"));
    const o = await check("manifests/linked.yaml", { root });
    expect(problemsOf(o)).toEqual([["file", "manifests/linked.yaml:11:13", "identifier file ids/linked/ids.txt resolves outside the repository (through a symbolic link)"]]);
  });
});

function writeEmpty(file: string): string {
  writeFileSync(file, "");
  return file;
}

/** The good manifest, named m, with its identifiers in `file` (line 11, column 13). */
function manifestNaming(file: string): string {
  return `apiVersion: blastgate.dev/v1
kind: Operation
metadata:
  name: m
spec:
  environment: production
  action: remove-app
  target:
    kind: app
    identifiers:
      file: ${file}
  deletion: { mode: soft, retention: 30d }
  rollback: { strategy: undelete, restoreRate: 100/h, rto: 4h }
`;
}
