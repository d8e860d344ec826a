import { randomUUID } from "node:crypto";
import * as core from "@actions/core";
import { runAction } from "./run.js";
import { inertLogLine } from "../report/escape.js";

const annotate = { error: core.error, warning: core.warning, notice: core.notice };

/** Every log line that is not Blastgate's own workflow command: it may quote file names and manifests. */
const log = (line: string): void => core.info(inertLogLine(line));

/**
 * The glue between the runner and runAction: inputs in; annotations, the job summary, outputs
 * and the exit code out. Nothing here decides anything.
 */
export async function main(): Promise<void> {
  try {
    const outcome = await runAction(process.env, (name) => core.getInput(name), { info: log });

    if (outcome.text) {
      // The report quotes manifests: each line is made inert, and workflow commands are stopped around it as well.
      const token = randomUUID();
      core.info(`::stop-commands::${token}`);
      for (const line of outcome.text.trimEnd().split("\n")) log(line);
      core.info(`::${token}::`);
    }
    for (const a of outcome.annotations) {
      const props: core.AnnotationProperties = { title: a.title };
      if (a.file !== undefined) Object.assign(props, { file: a.file, startLine: a.line, startColumn: a.column });
      annotate[a.level](a.message, props);
    }
    if (outcome.omitted > 0) log(`+${outcome.omitted} more finding${outcome.omitted === 1 ? "" : "s"}: see the job summary`);

    if (process.env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(outcome.summary).write();
      } catch (e) {
        log(`the job summary could not be written: ${(e as Error).message}`);
      }
    }
    for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);
    log(`${outcome.headline}${outcome.exitCode === 0 ? "" : ` (exit ${outcome.exitCode})`}`);
    process.exitCode = outcome.exitCode;
  } catch (e) {
    // A crash cannot vouch for anything: fail closed, in one line, and say it is a bug.
    core.error(`Blastgate crashed, nothing was judged, so the check fails: ${(e as Error)?.message ?? String(e)}. This is a bug in Blastgate: please report it (re-run with ACTIONS_STEP_DEBUG=true for the stack).`, {
      title: "Blastgate could not decide",
    });
    core.debug(String((e as Error)?.stack ?? e));
    core.setOutput("verdict", "error");
    process.exitCode = 2;
  }
}
