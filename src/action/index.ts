import { main } from "./main.js";

/** The Action's entry point, bundled to dist/index.js. */
await main();
