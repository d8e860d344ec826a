// Preloaded (node --require) when /usr/bin/time is missing: writes the process's peak resident set
// size, in KiB, to $BLASTGATE_BENCH_RSS on exit.
"use strict";
const file = process.env.BLASTGATE_BENCH_RSS;
if (file) {
  process.on("exit", () => {
    require("node:fs").writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
