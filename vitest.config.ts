import { defineConfig } from "vitest/config";

const common = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // The CLI and the Action are tested as the processes users run: build dist/ once first.
    globalSetup: ["test/support/build.ts"],
    reporters: ["default"],
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/postgres/**"], ...common } },
      // Against a real PostgreSQL server the setup starts (Debian's postgresql; see the README): `npx vitest run --project postgres`.
      { test: { name: "postgres", include: ["test/postgres/**/*.test.ts"], globalSetup: ["test/postgres/server.ts"], ...common } },
    ],
  },
});
