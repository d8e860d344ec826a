import { statusOf } from "../governance/judge.js";
import type { Finding } from "../rules/types.js";
import type { CheckResult } from "../check/run.js";
import { where } from "./text.js";

/** XML text: the five escapes, and characters XML 1.0 cannot hold at all (most controls) shown as \u{..}. */
function xml(s: string): string {
  return (
    s
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\\u{fffd}")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Every physical line then starts with Blastgate's own markup: no quoted text begins a line of a CI log.
      .replace(/\r/g, "&#13;")
      .replace(/\n/g, "&#10;")
  );
}

function findingText(f: Finding): string {
  const status = statusOf(f);
  const lifted = status === "overridden" && f.override ? ` (overridden by ${f.override.by}: ${f.override.reason})` : status === "waived" && f.waiver ? ` (waived by ${f.waiver.name} until ${f.waiver.expires}: ${f.waiver.reason})` : "";
  return `${where(f.location)} ${f.enforcement}${status === "overridden" || status === "waived" ? `, ${status}` : ""}: ${f.message}${lifted} [${f.ruleId}]`;
}

/**
 * A manifest that input problems kept from being judged: one error naming them (its own, else all), and no
 * rule listed, since none judged it and an empty test case reads as a pass.
 */
function notJudged(manifest: string, result: CheckResult): string {
  const own = result.problems.filter((p) => p.location.file === manifest);
  const shown = own.length > 0 ? own : result.problems;
  const text = shown.map((p) => `${where(p.location)} ${p.message}`).join("\n");
  const error = `      <error message="${xml(`not judged: ${shown[0]!.message}`)}" type="input-problem">${xml(text)}</error>`;
  return `  <testsuite name="${xml(manifest)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="${xml(manifest)}" name="not judged (input problems)">\n${error}\n    </testcase>\n  </testsuite>`;
}

/**
 * The check's result as JUnit XML for CI systems that show test reports: one test suite per manifest, one
 * test case per rule in force (a blocking finding fails it, other findings are its output), and a suite
 * "input problems" whose cases are errors. A manifest that was not judged has one error case and no rule cases. Findings about no judged manifest (a changed policy file) get a suite of their own.
 */
export function toJunit(result: CheckResult): string {
  const byManifest = new Map<string, Finding[]>();
  for (const m of result.manifests) byManifest.set(m, []);
  for (const f of result.findings) {
    const list = byManifest.get(f.manifest) ?? [];
    list.push(f);
    byManifest.set(f.manifest, list);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  // Not judged: no plan, or a plan but a problem of its own (an action the catalog lacks, stages that do not add up): its rules did not run.
  const judged = new Set(result.plans.map((p) => p.manifest));
  const ownProblems = new Set(result.problems.map((p) => p.location.file));
  const shownWith = new Set<string>();
  for (const [manifest, findings] of byManifest) {
    if ((!judged.has(manifest) || ownProblems.has(manifest)) && result.problems.length > 0) {
      if (ownProblems.has(manifest)) shownWith.add(manifest);
      suites.push(notJudged(manifest, result));
      tests++;
      errors++;
      continue;
    }
    const ruleIds = [...new Set([...result.rules.map((r) => r.id), ...findings.map((f) => f.ruleId)])];
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const id of ruleIds) {
      const mine = findings.filter((f) => f.ruleId === id);
      const blocking = mine.filter((f) => statusOf(f) === "blocking");
      const others = mine.filter((f) => statusOf(f) !== "blocking");
      const body: string[] = [];
      if (blocking.length > 0) {
        suiteFailures++;
        body.push(`      <failure message="${xml(blocking[0]!.message)}" type="${xml(blocking[0]!.enforcement)}">${xml(blocking.map(findingText).join("\n"))}</failure>`);
      }
      if (others.length > 0) body.push(`      <system-out>${xml(others.map(findingText).join("\n"))}</system-out>`);
      const open = `    <testcase classname="${xml(manifest)}" name="${xml(id)}"`;
      cases.push(body.length > 0 ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`);
    }
    tests += ruleIds.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xml(manifest)}" tests="${ruleIds.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`);
  }
  // Each problem once: those of a manifest shown as not judged are its error case's text.
  const rest = result.problems.filter((p) => !shownWith.has(p.location.file));
  if (rest.length > 0) {
    const cases = rest.map(
      (p, i) =>
        `    <testcase classname="input problems" name="${xml(`${where(p.location)} (${i + 1})`)}">\n      <error message="${xml(p.message)}" type="${xml(p.code)}">${xml(`${where(p.location)} ${p.message}`)}</error>\n    </testcase>`,
    );
    tests += cases.length;
    errors += cases.length;
    suites.push(`  <testsuite name="input problems" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">\n${cases.join("\n")}\n  </testsuite>`);
  }
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="blastgate" tests="${tests}" failures="${failures}" errors="${errors}">`, ...suites, `</testsuites>`, ""].join("\n");
}
