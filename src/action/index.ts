import { main } from "./main.js";

/** The Action's entry point, bundled to dist/index.js. */
await main();
// The verdict is out: a request still waiting to be retried (its timer is octokit's) must not keep the step alive.
process.stdout.write("", () => process.exit());
