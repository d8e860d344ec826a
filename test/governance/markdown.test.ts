/** Which lines of a review body read as visible text of one's own: a table of bodies, as GitHub renders them. */
import { describe, expect, it } from "vitest";
import { hasVisibleText, visibleLines } from "../../src/governance/markdown.js";

const O = "blastgate override r: why";
const cases: [string, string, string[]][] = [
  ["a paragraph", `LGTM\n${O}\n`, ["LGTM", O]],
  ["a list item", `- ${O}\n- other\n`, [O, "other"]],
  ["a nested list item", `1. first\n   - ${O}\n`, ["first", O]],
  ["emphasis keeps the words", `*blastgate* override r: why\n`, [O]],
  ["a quote", `> ${O}\n`, []],
  ["a quote's lazy continuation", `> quoted\n${O}\n`, []],
  ["a quote in a list", `- > ${O}\n`, []],
  ["raw <blockquote> around markdown", `<blockquote>\n\n${O}\n\n</blockquote>\n\nafter\n`, ["after"]],
  ["inline <blockquote>", `x <blockquote>\n${O}\n</blockquote>\n`, ["x "]],
  ["fenced code", "```\n" + O + "\n```\n", []],
  ["tilde fence", "~~~md\n" + O + "\n~~~\n", []],
  ["indented code", `para\n\n    ${O}\n`, ["para"]],
  ["inline code", "`" + O + "`\n", ["`" + O + "`"]],
  ["<pre>", `<pre>\n${O}\n</pre>\n`, []],
  ["an HTML comment block", `<!--\n${O}\n-->\n`, []],
  ["a comment opened in a paragraph", `LGTM <!--\n${O}\n-->\n`, ["LGTM "]],
  ["a comment on one line", `<!-- ${O} -->\n`, []],
  ["a table cell", `| a |\n| - |\n| ${O} |\n`, []],
  ["a footnote", `x[^1]\n\n[^1]: ${O}\n`, ["x"]],
  ["a hard break", `LGTM\\\n${O}\n`, ["LGTM", O]],
  ["struck through", `~~${O}~~\n`, []],
  ["struck through in a list item", `- ~~${O}~~\n- kept\n`, ["kept"]],
  ["struck through after words", `LGTM ~~${O}~~\n`, ["LGTM "]],
  ["<del>", `<del>${O}</del>\n`, []],
  ["<s> around markdown", `<s>\n\n${O}\n\n</s>\n\nafter\n`, ["after"]],
  ["a collapsed <details> section", `<details><summary>notes</summary>\n\n${O}\n\n</details>\n\nafter\n`, ["after"]],
];

describe("visible lines of a review body", () => {
  it.each(cases)("%s", (_, body, expected) => {
    expect(visibleLines(body).map((l) => (l.text.trim() === "" ? l.text : l.text.replace(/^\s+/, "")))).toEqual(expected);
  });

  it("lines keep their line numbers in the body", () => {
    expect(visibleLines(`> quote\n\nLGTM\n\n- ${O}\n`)).toEqual([
      { line: 3, text: "LGTM" },
      { line: 5, text: O },
    ]);
  });

  it("invisible characters are no text", () => {
    expect(["\u200b", "\u2800\u2800", " \u00a0\u3164", "\u200d\ufeff", ""].map(hasVisibleText)).toEqual([false, false, false, false, false]);
    expect(["OPS-1", "\u200bx"].map(hasVisibleText)).toEqual([true, true]);
  });
});
