import { randomUUID } from "node:crypto";
import { annotate, appendSummary, debug, getInput, info, setOutput, type AnnotationProperties } from "./runner.js";
import { runAction } from "./run.js";

/**
 * The glue between the runner and runAction: inputs in; annotations, the job summary, outputs
 * and the exit code out. Nothing here decides anything.
 */
export async function main(): Promise<void> {
  try {
    const outcome = await runAction(process.env, (name) => getInput(name), { info });

    if (outcome.text) {
      // The report quotes manifests: stop workflow commands so no value in them can act as one.
      const token = randomUUID();
      info(`::stop-commands::${token}`);
      info(outcome.text.trimEnd());
      info(`::${token}::`);
    }
    for (const a of outcome.annotations) {
      const props: AnnotationProperties = { title: a.title };
      if (a.file !== undefined) Object.assign(props, { file: a.file, startLine: a.line, startColumn: a.column });
      annotate(a.level, a.message, props);
    }
    if (outcome.omitted > 0) info(`+${outcome.omitted} more findings: see the job summary`);

    if (process.env.GITHUB_STEP_SUMMARY) {
      try {
        await appendSummary(outcome.summary);
      } catch (e) {
        info(`the job summary could not be written: ${(e as Error).message}`);
      }
    }
    for (const [name, value] of Object.entries(outcome.outputs)) setOutput(name, value);
    info(`${outcome.headline}${outcome.exitCode === 0 ? "" : ` (exit ${outcome.exitCode})`}`);
    process.exitCode = outcome.exitCode;
  } catch (e) {
    // A crash cannot vouch for anything: fail closed, in one line, and say it is a bug.
    annotate("error", `Blastgate crashed, nothing was judged, so the check fails: ${(e as Error)?.message ?? String(e)}. This is a bug in Blastgate: please report it (re-run with ACTIONS_STEP_DEBUG=true for the stack).`, { title: "Blastgate could not decide" });
    debug(String((e as Error)?.stack ?? e));
    setOutput("verdict", "error");
    process.exitCode = 2;
  }
}
