import { DATE_PATTERN, DURATION_PATTERN, RATE_PATTERN } from "./units.js";
import { LIMIT_NAMES } from "./limits.js";

/** The v1 contract. Fields may be added in v1; none renamed. `additionalProperties: false` everywhere: a typo is an error. */
export const API_VERSION = "blastgate.dev/v1";

const slug = { type: "string", pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", maxLength: 128 } as const;
const name = { type: "string", pattern: "^[a-z][a-z0-9_-]*$", maxLength: 128 } as const;
const duration = { type: "string", pattern: DURATION_PATTERN } as const;
const text = { type: "string", maxLength: 10000 } as const;
/** Text shown on one line of a report: control characters (newlines, terminal escapes) would rewrite what a reader sees. */
export const LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f]+$";
const line = { type: "string", minLength: 1, maxLength: 1024, pattern: LINE_PATTERN } as const;
const stringList = { type: "array", items: line } as const;
const oneOrMany = {
  anyOf: [
    { type: "string", minLength: 1 },
    { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
  ],
} as const;
const header = {
  apiVersion: { const: API_VERSION },
  kind: { type: "string" },
} as const;
/** A GitHub team, `org/team-slug`. */
const team = { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$", maxLength: 200 } as const;
/** A GitHub login (apps end in `[bot]`). */
const login = { type: "string", pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$", maxLength: 100 } as const;
const ruleId = { type: "string", pattern: "^[a-z0-9][a-z0-9._/-]*$", maxLength: 128 } as const;
/** Who may override a soft-mandatory rule: on a rule, or on a whole Policy (a rule's own pair replaces the Policy's). */
const overriders = {
  overrideTeams: { type: "array", items: team, uniqueItems: true },
  overrideUsers: { type: "array", items: login, uniqueItems: true },
} as const;
const metadataBasic = {
  type: "object",
  additionalProperties: false,
  properties: { name: slug, description: text },
} as const;

export const operationSchema = {
  $id: "blastgate.dev/v1/Operation",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    ...header,
    kind: { const: "Operation" },
    metadata: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: slug,
        description: text,
        ticket: line,
        requestedBy: line,
        executedBy: line,
        scripts: stringList,
      },
    },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["environment", "action", "target", "deletion"],
      properties: {
        environment: slug,
        action: name,
        target: {
          type: "object",
          additionalProperties: false,
          required: ["kind", "identifiers"],
          properties: {
            kind: name,
            expectedCount: { type: "integer", minimum: 0 },
            identifiers: {
              anyOf: [
                { type: "array", items: { type: "string" } },
                {
                  type: "object",
                  additionalProperties: false,
                  required: ["file"],
                  properties: { file: { type: "string", minLength: 1 } },
                },
              ],
            },
          },
        },
        deletion: {
          type: "object",
          additionalProperties: false,
          required: ["mode"],
          properties: { mode: { enum: ["soft", "hard"] }, retention: duration },
        },
        rollout: {
          type: "object",
          additionalProperties: false,
          required: ["stages"],
          properties: {
            stages: {
              type: "array",
              minItems: 1,
              items: {
                type: "object",
                additionalProperties: false,
                required: ["name"],
                properties: {
                  name: line,
                  count: { type: "integer", minimum: 1 },
                  percent: { type: "number", exclusiveMinimum: 0, maximum: 100 },
                  bake: duration,
                },
                oneOf: [{ required: ["count"] }, { required: ["percent"] }],
              },
            },
          },
        },
        rollback: {
          type: "object",
          additionalProperties: false,
          required: ["strategy"],
          properties: {
            strategy: { enum: ["undelete", "restore-from-backup", "none"] },
            runbook: { type: "string", pattern: "^https?://\\S+$" },
            lastTested: { type: "string", pattern: DATE_PATTERN },
            restoreRate: { type: "string", pattern: RATE_PATTERN },
            rto: duration,
          },
        },
      },
    },
  },
} as const;

/** A column or table name as Postgres reads it unquoted (Blastgate quotes it): letters, digits, _ and $. */
const sqlName = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_$]*$", maxLength: 63 } as const;
const postgresInventory = {
  type: "object",
  additionalProperties: false,
  required: ["postgres"],
  properties: {
    postgres: {
      type: "object",
      additionalProperties: false,
      properties: {
        // Checked when the catalog compiles (env:NAME), so a connection string written here is refused without being echoed.
        url: { type: "string" },
        table: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$", maxLength: 127 },
        query: { type: "string", minLength: 1, maxLength: 100000 },
        columns: {
          type: "object",
          additionalProperties: false,
          properties: { id: sqlName, kind: sqlName, tenant: sqlName, customer: sqlName, environment: sqlName, parent: sqlName, protected: sqlName },
        },
      },
    },
  },
} as const;

export const catalogSchema = {
  $id: "blastgate.dev/v1/Catalog",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "kinds", "actions"],
  properties: {
    ...header,
    kind: { const: "Catalog" },
    metadata: metadataBasic,
    environments: { type: "array", items: slug, minItems: 1 },
    inventory: { anyOf: [{ type: "string", minLength: 1 }, postgresInventory] },
    kinds: {
      type: "object",
      propertyNames: name,
      minProperties: 1,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["identifier"],
        properties: {
          description: text,
          identifier: {
            type: "object",
            additionalProperties: false,
            required: ["pattern"],
            properties: {
              pattern: { type: "string", minLength: 1, maxLength: 4096 },
              // Identifiers this pattern must match and no other kind's may: checked when the catalog loads.
              examples: { type: "array", minItems: 1, maxItems: 100, items: { type: "string", minLength: 1, maxLength: 512 } },
            },
          },
          parent: name,
          products: stringList,
          owner: { type: "string", minLength: 1 },
          // Measured in the platform team's restore drills: a manifest may not claim to restore faster.
          restoreRate: { type: "string", pattern: RATE_PATTERN },
        },
      },
    },
    actions: {
      type: "object",
      propertyNames: name,
      minProperties: 1,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["target", "destructive"],
        properties: { target: name, destructive: { type: "boolean" }, description: text },
      },
    },
    products: {
      type: "object",
      propertyNames: name,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["rpo", "restorePoint"],
        properties: { rpo: duration, restorePoint: duration, datastores: stringList, description: text },
      },
    },
  },
} as const;

export const policySchema = {
  $id: "blastgate.dev/v1/Policy",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "rules"],
  properties: {
    ...header,
    kind: { const: "Policy" },
    metadata: metadataBasic,
    limits: {
      type: "object",
      additionalProperties: false,
      // inventoryTimeout is a duration ("60s", "2m") or whole seconds; the others are counts.
      properties: Object.fromEntries(LIMIT_NAMES.map((n) => [n, n === "inventoryTimeout" ? { anyOf: [duration, { type: "integer", minimum: 1 }] } : { type: "integer", minimum: 1 }])),
    },
    ...overriders,
    waivers: {
      type: "object",
      additionalProperties: false,
      properties: { maxExpiry: duration },
    },
    // Destruction budgets the runtime guard enforces over a rolling window, across manifests and pull requests.
    budgets: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["kind", "window"],
        properties: {
          kind: name,
          maxShare: { type: "number", minimum: 0, maximum: 1 },
          maxCount: { type: "integer", minimum: 0 },
          maxCustomers: { type: "integer", minimum: 0 },
          window: duration,
        },
      },
    },
    rules: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "type", "enforcement"],
        properties: {
          id: ruleId,
          type: { type: "string" },
          enforcement: { enum: ["advisory", "soft-mandatory", "hard-mandatory"] },
          description: text,
          ...overriders,
          match: {
            type: "object",
            additionalProperties: false,
            properties: { environment: oneOrMany, action: oneOrMany, kind: oneOrMany, paths: oneOrMany },
          },
          with: { type: "object" },
        },
      },
    },
  },
} as const;

/** A standing exception the platform team keeps among the policy files: some rules do not block one manifest, until a date. */
export const waiverSchema = {
  $id: "blastgate.dev/v1/Waiver",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    ...header,
    kind: { const: "Waiver" },
    metadata: { ...metadataBasic, required: ["name"] },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["manifest", "rules", "reason", "owner", "expires"],
      properties: {
        manifest: slug,
        rules: { type: "array", items: ruleId, minItems: 1, uniqueItems: true },
        // One line of visible text: reports print them inline, and control characters could rewrite what a reader sees.
        reason: { type: "string", maxLength: 2000, pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$" },
        owner: { type: "string", maxLength: 200, pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$" },
        expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
        digest: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
      },
    },
  },
} as const;

/** A finding a case expects: the rule, and whichever finer fields the author cares about. */
const expectedFinding = {
  type: "object",
  additionalProperties: false,
  required: ["rule"],
  properties: {
    rule: ruleId,
    messageId: { type: "string", minLength: 1, maxLength: 128 },
    enforcement: { enum: ["advisory", "soft-mandatory", "hard-mandatory"] },
    status: { enum: ["blocking", "advisory", "overridden", "waived"] },
    file: { type: "string", minLength: 1, maxLength: 1024 },
    line: { type: "integer", minimum: 1 },
  },
} as const;

/** Policy tests (`blastgate test`): cases judged with the policies they sit next to; `check` skips these documents. */
export const policyTestSchema = {
  $id: "blastgate.dev/v1/PolicyTest",
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "cases"],
  properties: {
    ...header,
    kind: { const: "PolicyTest" },
    metadata: { ...metadataBasic, required: ["name"] },
    cases: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "expect"],
        // A case judges one manifest: a file of the repository, or one written inline.
        oneOf: [{ required: ["manifest"] }, { required: ["operation"] }],
        properties: {
          name: line,
          manifest: { type: "string", minLength: 1, maxLength: 1024 },
          operation: { type: "object" },
          now: { type: "string", pattern: DATE_PATTERN },
          fixtures: {
            type: "object",
            additionalProperties: false,
            properties: {
              // Rows of the inventory, replacing the catalog's inventory file for this case.
              inventory: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["id", "kind", "tenant", "customer"],
                  properties: {
                    id: { type: "string", minLength: 1 },
                    kind: name,
                    tenant: { type: "string" },
                    customer: { type: "string" },
                    environment: { type: "string" },
                    parent: { type: "string" },
                    protected: { type: "boolean" },
                  },
                },
              },
              // Reviews as GitHub's API returns them; `user` may be written as a bare login, `id` left out.
              reviews: {
                type: "array",
                items: {
                  type: "object",
                  required: ["user", "state"],
                  properties: {
                    id: { type: "integer" },
                    user: { anyOf: [login, { type: "object", required: ["login"], properties: { login } }] },
                    state: { enum: ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"] },
                    body: { type: "string" },
                    editedBy: login,
                  },
                },
              },
              author: login,
              org: { type: "string", minLength: 1, maxLength: 100 },
              teams: { type: "object", propertyNames: team, additionalProperties: { type: "array", items: login } },
              changed: { type: "array", items: { type: "string", minLength: 1, maxLength: 1024 } },
              // Reviewers' permission on the repository (a reviewer not listed has write access).
              permissions: { type: "object", propertyNames: login, additionalProperties: { enum: ["admin", "maintain", "write", "triage", "read", "none"] } },
              // The pull request's commits, oldest first (default: one, authored, committed and pushed by the author).
              commits: {
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["author"],
                  properties: { author: login, committer: login, pushedBy: login, files: { type: "array", items: { type: "string", minLength: 1, maxLength: 1024 } } },
                },
              },
            },
          },
          expect: {
            type: "object",
            additionalProperties: false,
            required: ["verdict"],
            properties: {
              verdict: { enum: ["allowed", "blocked", "error"] },
              // Exactly the rules with findings (each once): a finding no case expected fails the case.
              rules: { type: "array", items: ruleId, uniqueItems: true },
              // Findings that must be among the actual ones, matched on the fields given.
              findings: { type: "array", items: expectedFinding },
            },
          },
        },
      },
    },
  },
} as const;

export const DOCUMENT_SCHEMAS = { Operation: operationSchema, Catalog: catalogSchema, Policy: policySchema, Waiver: waiverSchema, PolicyTest: policyTestSchema } as const;
export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
