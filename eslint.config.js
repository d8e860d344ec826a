// ESLint (flat config): typescript-eslint with type information, and the house's walls (STYLE.md):
// an import only points up the list of layers below, so a wrong import fails `npm run lint` in CI.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers of src/, from the core up to the edge. A module may import from its own folder and from
 * the folders of the layers before its own, never from a later layer nor from another folder of its
 * own layer. src/version.ts is below everything; src/index.ts (the library's API) above everything.
 */
// policy-test (blastgate test: runCheck over each case's fixtures in memory) and guard (the runtime guard) sit below the CLI that dispatches to them.
export const LAYERS = [["documents"], ["resolve"], ["measure"], ["rules"], ["governance"], ["engine"], ["check"], ["report"], ["workspace", "inventory", "github"], ["policy-test", "guard"], ["cli", "action"]];

/** import-x/no-restricted-paths zones: for each folder, every folder it may not import from. */
function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, rank) => {
    for (const folder of layer) {
      const above = LAYERS.slice(rank + 1).flat();
      const beside = layer.filter((f) => f !== folder);
      const forbidden = [...beside, ...above];
      for (const from of forbidden) {
        const kind = beside.includes(from) ? "a folder of the same layer" : "a layer above it";
        zones.push({
          target: `./src/${folder}`,
          from: `./src/${from}`,
          message: `src/${folder}/ may not import src/${from}/ (${kind}): imports point from the edge to the core (${LAYERS.map((l) => l.join("/")).join(" -> ")}).`,
        });
      }
    }
    // Nothing but the library entry imports it.
    zones.push({ target: `./src/${layer[0]}`, from: "./src/index.ts", message: "src/index.ts is the library's entry: nothing in src/ imports it." });
  });
  return zones.filter((z, i, all) => all.findIndex((o) => o.target === z.target && o.from === z.from) === i);
}

export default tseslint.config(
  { ignores: ["dist/", "lib/", "coverage/", "bench/.work/", ".ci/", "node_modules/", "src/documents/validators.generated.*", "test/fixtures/lint/", "**/*.d.mts"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["vitest.config.ts"] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: layerZones() }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Messages quote values of unknown type read from YAML on purpose (printable() bounds them).
      "@typescript-eslint/no-base-to-string": "off",
      // Optional methods of rule modules (checkChanges, checkTogether) are tested for presence, never called unbound.
      "@typescript-eslint/unbound-method": "off",
      // Blastgate looks for control and invisible characters in input on purpose (hostile identifiers, YAML tricks).
      "no-control-regex": "off",
      "no-misleading-character-class": "off",
      // Ports are async by contract (FileSource, TeamDirectory): an implementation that answers at once is still one.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read JSON and poke at loosely typed answers on purpose: the unsafe-any family would be noise there.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  {
    // Plain JavaScript (scripts, bench, this file): no type information.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);
