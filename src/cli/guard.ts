/** `blastgate guard`, `blastgate run`, `blastgate status`, `blastgate mark`: the runtime guard's commands. */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { dueAt, stageStates, unfinishedRun, type LedgerEntry } from "../check/ledger.js";
import { identifierValues } from "../documents/identifiers.js";
import { sliceStages } from "../measure/stages.js";
import type { ManifestInput } from "../rules/types.js";
import { LocalFiles } from "../workspace/files.js";
import { runGit } from "../workspace/git.js";
import { runCheck } from "../check/run.js";
import { commandArgs, HELP_OPTION, nowOption, type Io } from "./io.js";
import { firstProblem, guard, type GuardOptions, type GuardResult } from "../guard/guard.js";
import { Interrupts, runWithIds, unstartable } from "./run-command.js";
import { LedgerError } from "../guard/ledger-file.js";
import { openLedger } from "../guard/ledger.js";

export const GUARD_USAGE = `Runtime guard (at execution, in the repository's working tree):
  blastgate guard <manifest> [--stage NAME] [--ids FILE|-] [--environment NAME]
  blastgate run <manifest> --stage NAME [options] -- <command...>
  blastgate status <manifest> --ledger FILE|URL
  blastgate mark <manifest> --stage NAME --as done|retry --reason TEXT [--destroyed N] --ledger FILE|URL

  --ledger FILE|URL    the ledger of runs: a JSON Lines file, or a Postgres table
                       (postgres://user:password@host/db[?table=NAME]) (or BLASTGATE_LEDGER)
  --environment NAME   where this runs (or BLASTGATE_ENVIRONMENT)
  --branch NAME        the protected branch (default: the remote's default branch)
  --repo OWNER/NAME    the GitHub repository (default: GITHUB_REPOSITORY); GITHUB_TOKEN reads it
  --policies DIR       the policies directory (default: policies)
  --inventory-url URL  the live inventory's connection string, when the catalog names a database
  --now ISO-8601       the clock, for tests and dry runs
  --destroyed N        (mark --as retry) how many objects the run did destroy: the budgets count
                       only these (default: every identifier the stage was handed)

guard prints one line per check (merged, approved, current, ids, stage, environment, budget) and
exits 0 go, 1 refused, 2 cannot decide. run runs the command only on go, with the stage's approved
identifiers on stdin and in the file named by BLASTGATE_IDS_FILE, and exits with its exit code.
`;

const OPTIONS = {
  stage: { type: "string" },
  ids: { type: "string" },
  environment: { type: "string" },
  branch: { type: "string" },
  repo: { type: "string" },
  ledger: { type: "string" },
  now: { type: "string" },
  policies: { type: "string" },
  "inventory-url": { type: "string" },
  as: { type: "string" },
  reason: { type: "string" },
  destroyed: { type: "string" },
  help: HELP_OPTION,
} as const;

export async function guardMain(command: "guard" | "run" | "status" | "mark", argv: string[], io: Io): Promise<number> {
  // `run` passes everything after `--` to the command untouched.
  const dash = argv.indexOf("--");
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const tail = dash >= 0 ? argv.slice(dash + 1) : [];
  // A wrong option is named in one line, with a pointer to --help (not Node's message about positionals).
  const args = commandArgs(io, GUARD_USAGE, () => parseArgs({ args: own, allowPositionals: true, options: OPTIONS }), `blastgate ${command}`);
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  const usage = (m: string) => {
    io.stderr(`blastgate ${command}: ${m} (blastgate ${command} --help lists the options)\n`);
    return 2;
  };
  // A runtime error is one line: the usage is for a command line that is wrong.
  const fail = (m: string) => {
    io.stderr(`blastgate ${command}: ${m}\n`);
    return 2;
  };
  if (positionals.length !== 1) return usage(positionals.length === 0 ? "name the manifest" : `one manifest at a time (got ${positionals.length})`);
  const manifest = positionals[0]!;
  const st = await stat(path.resolve(io.cwd, manifest)).catch(() => undefined);
  if (!st?.isFile()) return fail(`${manifest} ${st ? "is not a file" : "does not exist"}`);
  const now = values.now === undefined ? undefined : nowOption(values.now, io);
  if (now === undefined && values.now !== undefined) return 2;
  const opts: GuardOptions = { manifest, cwd: io.cwd, env: io.env };
  for (const k of ["stage", "environment", "branch", "repo", "ledger", "policies"] as const) if (values[k] !== undefined) opts[k] = values[k];
  if (now) opts.now = now;
  if (values["inventory-url"] !== undefined) opts.inventoryUrl = values["inventory-url"];

  if (command === "status" || command === "mark") return statusOrMark(command, opts, values, io, usage);
  if (command === "run") {
    if (tail.length === 0) return usage("give the command to run after --");
    if (values.stage === undefined) return usage("name the stage to run with --stage");
  } else if (tail.length > 0) return usage(`unexpected arguments after --: ${tail.join(" ")}`);

  if (values.ids !== undefined) {
    try {
      opts.ids = values.ids === "-" ? await readStdin() : await readFile(path.resolve(io.cwd, values.ids), "utf8");
    } catch (e) {
      return fail(`--ids ${values.ids} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (command === "run") {
    // A command that cannot start must not burn the stage: nothing is judged or recorded.
    const cannot = await unstartable(tail[0]!, io.cwd, io.env);
    if (cannot) {
      io.stderr(`blastgate run: cannot start the command: ${cannot.why} (nothing ran, nothing recorded)\n`);
      return cannot.exitCode;
    }
  }
  const result = await guard(opts);
  for (const note of result.notes) io.stderr(`blastgate ${command}: ${note}\n`);
  io.stdout(result.text);
  if (command === "guard" || result.decision !== "go") return result.exitCode;
  return runStage(result, tail, io);
}

/** The stage's run: signals caught from before its start is recorded until its end is. */
async function runStage(result: GuardResult, tail: string[], io: Io): Promise<number> {
  const interrupts = new Interrupts((line) => io.stderr(line + "\n"));
  const vars = { BLASTGATE_STAGE: result.stage!.name, BLASTGATE_MANIFEST: result.manifest!.path, BLASTGATE_IDS_COUNT: String(result.stage!.identifiers.length) };
  try {
    return await result.run((ids) => runWithIds(tail, ids, vars, io, interrupts), tail);
  } catch (e) {
    if (e instanceof LedgerError) {
      io.stderr(`blastgate run: ${e.unavailable ? "cannot decide" : "refused"}: ${e.message}\n`);
      return e.unavailable ? 2 : 1;
    }
    io.stderr(`blastgate run: ${(e as Error).message}\n`);
    return 2;
  } finally {
    interrupts.release();
  }
}

async function readStdin(): Promise<string> {
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const c of process.stdin) text += c as string;
  return text;
}

async function statusOrMark(command: "status" | "mark", opts: GuardOptions, values: { as?: string; reason?: string; destroyed?: string }, io: Io, usage: (m: string) => number): Promise<number> {
  const ledgerSpec = opts.ledger ?? io.env.BLASTGATE_LEDGER;
  if (!ledgerSpec) return usage("give --ledger FILE or --ledger postgres://... (or BLASTGATE_LEDGER)");
  if (command === "mark") {
    if (opts.stage === undefined) return usage("name the stage with --stage");
    if (values.as !== "done" && values.as !== "retry") return usage("--as done (the stage finished: the next one may follow after its bake) or --as retry (the stage may run again)");
    if (!values.reason?.trim()) return usage("say why with --reason (what you checked)");
    if (values.destroyed !== undefined && (values.as !== "retry" || !/^\d+$/.test(values.destroyed)))
      return usage(values.as !== "retry" ? "--destroyed goes with --as retry" : `--destroyed must be a count of objects (0 or more), not '${values.destroyed}'`);
  }
  const top = await runGit(path.dirname(path.resolve(io.cwd, opts.manifest)), ["rev-parse", "--show-toplevel"]);
  const root = top.ok ? top.stdout.trim() : io.cwd;
  const file = path.relative(root, path.resolve(io.cwd, opts.manifest)).split(path.sep).join("/");
  let loaded: ManifestInput | undefined;
  const result = await runCheck({ workspace: new LocalFiles(root), policiesDir: opts.policies ?? "policies", manifests: [file], now: opts.now ?? new Date(), inspect: (l) => (loaded = l.manifests.find((m) => m.file === file)) });
  const plan = result.plans.find((p) => p.manifest === file);
  if (!loaded?.identifiers || !plan) {
    const p = firstProblem(result.problems);
    io.stderr(`blastgate ${command}: ${file} cannot be read${p ? `: ${p.location.file}:${p.location.line}: ${p.message}` : ""}\n`);
    return 2;
  }
  const slices = sliceStages(plan.stages, identifierValues(loaded.identifiers));
  const manifest = { name: loaded.doc.metadata.name, path: file };
  const now = opts.now ?? new Date();
  try {
    const ledger = openLedger(ledgerSpec, io.cwd);
    if (command === "mark") {
      if (!slices.some((s) => s.name === opts.stage)) return usage(`the manifest has no stage '${opts.stage}'`);
      return await ledger.exclusive(async () => {
        const entries = await ledger.read();
        const states = stageStates(entries, manifest, slices);
        const run = unfinishedRun(states, opts.stage!);
        if (!run) {
          io.stderr(`blastgate mark: stage '${opts.stage}' has no unfinished run to mark (${states.get(opts.stage!)?.status ?? "pending"})\n`);
          return 1;
        }
        const count = entries.find((e): e is Extract<LedgerEntry, { type: "start" }> => e.type === "start" && e.run === run)?.count;
        const destroyed = values.destroyed === undefined ? undefined : Number(values.destroyed);
        if (destroyed !== undefined && count !== undefined && destroyed > count) return usage(`--destroyed ${destroyed} is more than the ${count} identifiers stage '${opts.stage}' was handed`);
        await ledger.append({
          type: "mark",
          at: now.toISOString(),
          manifest: manifest.name,
          path: manifest.path,
          stage: opts.stage!,
          by: io.env.GITHUB_ACTOR ?? io.env.USER ?? "unknown",
          run,
          as: values.as as "done" | "retry",
          reason: values.reason!.trim(),
          ...(destroyed !== undefined ? { destroyed } : {}),
        });
        io.stdout(`stage '${opts.stage}' marked ${values.as}${destroyed !== undefined ? ` (${destroyed} of ${count ?? "its"} identifiers destroyed: the budgets count ${destroyed})` : ""}\n`);
        return 0;
      });
    }
    const entries = await ledger.read();
    const notice = ledger.notice?.();
    if (notice) io.stderr(`blastgate status: ${notice}\n`);
    io.stdout(formatStatus(manifest, slices, entries, now));
    return 0;
  } catch (e) {
    io.stderr(`blastgate ${command}: ${(e as Error).message}\n`);
    return 2;
  }
}

function formatStatus(manifest: { name: string; path: string }, slices: ReturnType<typeof sliceStages>, entries: LedgerEntry[], now: Date): string {
  const states = stageStates(entries, manifest, slices);
  const out = [`${manifest.name} (${manifest.path}): ${slices.length} stage${slices.length === 1 ? "" : "s"}`];
  slices.forEach((s, i) => {
    const st = states.get(s.name)!;
    const head = `  ${s.name} (${s.identifiers.length} identifiers): `;
    if (st.status === "done" && st.marked)
      out.push(head + `done, started ${st.started}, ${st.exited ? `ended ${st.exited}` : "no end recorded"}, exit code ${st.exitCode ?? "none"}, marked done ${st.marked} (the bake counts from the mark)`);
    else if (st.status === "done") out.push(head + `done, started ${st.started}, ended ${st.ended}, exit code ${st.exitCode ?? "none"}`);
    else if (st.status === "running") out.push(head + `running since ${st.started} (no end recorded: still running, or it crashed; blastgate mark --stage ${s.name} --as done|retry)`);
    else if (st.status === "failed") out.push(head + `failed, started ${st.started}, ended ${st.ended}, exit code ${st.exitCode ?? "none"} (blastgate mark --stage ${s.name} --as done|retry)`);
    else {
      const due = dueAt(slices, states, i);
      if (due === undefined) out.push(head + `waits for '${slices[i - 1]!.name}'`);
      else if (due.getTime() <= now.getTime()) out.push(head + (i === 0 ? "due now" : `due now (bake of '${slices[i - 1]!.name}' ended ${due.toISOString()})`));
      else
        out.push(
          head +
            `due at ${due.toISOString()} (when the bake of '${slices[i - 1]!.name}' ends${states.get(slices[i - 1]!.name)?.status === "done" && (states.get(slices[i - 1]!.name) as { marked?: string }).marked ? ", counted from its mark" : ""})`,
        );
    }
  });
  const refused = entries.filter((e): e is Extract<LedgerEntry, { type: "decision" }> => e.type === "decision" && e.decision !== "go" && (e.manifest === manifest.name || e.path === manifest.path));
  out.push(`refused attempts: ${refused.length}`);
  for (const r of refused.slice(-10)) {
    // The check that refused, before one left unknown for want of it (a guard without --stage: stage refused, ids unknown).
    const first = r.checks.find((c) => c.status === "refused") ?? r.checks.find((c) => c.status !== "ok");
    out.push(`  ${r.at} ${r.stage || "(no stage)"} by ${r.by}: ${first ? `${first.check}: ${first.status}: ${first.reason}` : r.decision}`);
  }
  return out.join("\n") + "\n";
}
