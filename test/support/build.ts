import { execFileSync } from "node:child_process";

/** Builds dist/ before any test runs a bundle; a stale bundle would test yesterday's code. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
