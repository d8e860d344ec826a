/**
 * The lines of a review body GitHub renders as visible text of one's own: paragraphs and list items
 * outside any quote, code or HTML comment. The body is parsed as GitHub Flavored Markdown (micromark,
 * CommonMark-compliant like GitHub's cmark-gfm), so a quote's lazy continuation line, an indented code
 * block or a comment opened in the middle of a paragraph are what GitHub makes of them, not what a
 * line-by-line reading guesses. Pure.
 */
import type { Nodes, Parents, PhrasingContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** One rendered line: its text as a reader sees it, and the line of the body it starts on (1-based). */
export interface VisibleLine {
  line: number;
  text: string;
}

/** Raw HTML elements whose content is not one's own plain text in plain sight: a quote, code, struck-through text, or a collapsed `<details>` section. */
const HIDING_TAGS = ["blockquote", "pre", "code", "q", "del", "s", "strike", "details"];
const TAG = /<\s*(\/?)\s*([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)\s*>/g;

/** Bodies longer than this are not parsed (GitHub caps a review body at 65,536 characters). */
const MAX_BODY = 65_536 * 4;

export function visibleLines(body: string): VisibleLine[] {
  if (body.length > MAX_BODY) return [];
  const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const out: VisibleLine[] = [];
  // Open raw <blockquote>/<pre>/<code> tags, in document order: markdown between them renders inside them.
  const open = new Map<string, number>();
  const hidden = () => [...open.values()].some((n) => n > 0);
  const track = (html: string) => {
    for (const m of html.replace(/<!--[\s\S]*?-->/g, "").matchAll(TAG)) {
      const name = m[2]!.toLowerCase();
      if (!HIDING_TAGS.includes(name) || m[3]) continue;
      open.set(name, Math.max(0, (open.get(name) ?? 0) + (m[1] ? -1 : 1)));
    }
  };

  const walk = (node: Nodes, quoted: boolean) => {
    switch (node.type) {
      case "html":
        track(node.value);
        return;
      case "blockquote":
      case "code":
      case "footnoteDefinition":
      case "table":
        // Quotes and code are not one's own words; tables and footnotes are not a paragraph or a list item. Raw tags inside still open and close.
        visitHtml(node, track);
        return;
      case "paragraph":
        if (quoted || hidden()) {
          visitHtml(node, track);
          return;
        }
        out.push(...paragraphLines(node.children, track, hidden));
        return;
      default:
        if ("children" in node) for (const child of (node as Parents).children) walk(child, quoted);
    }
  };
  walk(tree, false);
  return out;
}

/** Raw HTML anywhere under a node still opens and closes tags for what follows. */
function visitHtml(node: Nodes, track: (html: string) => void): void {
  if (node.type === "html") track(node.value);
  else if ("children" in node) for (const child of node.children) visitHtml(child, track);
}

/** A paragraph's rendered lines: text, emphasis and links as read; inline code kept in backticks (it is code, not a command); HTML (comments included) left out. */
function paragraphLines(children: PhrasingContent[], track: (html: string) => void, hidden: () => boolean): VisibleLine[] {
  const lines: VisibleLine[] = [];
  let current: VisibleLine | undefined;
  const append = (text: string, line: number) => {
    if (hidden()) return;
    const parts = text.split("\n");
    parts.forEach((part, i) => {
      if (i > 0 || !current) {
        current = { line: line + i, text: "" };
        lines.push(current);
      }
      current.text += part;
    });
  };
  const visit = (nodes: PhrasingContent[]) => {
    for (const n of nodes) {
      const line = n.position?.start.line ?? 1;
      switch (n.type) {
        case "text":
          append(n.value, line);
          break;
        case "inlineCode":
          append(`\`${n.value.replace(/\n/g, " ")}\``, line);
          break;
        case "break":
          current = undefined;
          break;
        case "delete":
          // ~~struck through~~: withdrawn words, not a command. Raw tags inside still open and close.
          visitHtml(n, track);
          break;
        case "html":
          track(n.value);
          // A comment or tag spanning lines still ends the line it started on.
          if (n.value.includes("\n")) current = undefined;
          break;
        default:
          if ("children" in n) visit(n.children);
      }
    }
  };
  visit(children);
  return lines;
}

/** Characters that render as nothing (or as blank space): a reason made only of them says nothing. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800\u3164\uFFA0\u115F\u1160]/gu;

/** Whether text shows anything when rendered. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, "") !== "";
}
