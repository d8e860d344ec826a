import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, Scalar } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import { printable } from "./identifiers.js";
import type { Limits } from "./limits.js";
import type { Problem } from "./problem.js";
import { pointerOf, SourceMap } from "./source.js";

/** One YAML document of a file, as plain data plus where each value stood. */
export interface ParsedDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  map: SourceMap;
  /**
   * The text an author wrote for plain scalars YAML read as numbers, booleans or null
   * (`0012`, `1e3`, `true`). Where the schema wants a string, that text is what the author meant.
   */
  plainText: Map<string, string>;
}

export interface ParseResult {
  documents: ParsedDocument[];
  problems: Problem[];
}

const STR_TAG = "tag:yaml.org,2002:str";
/** Keys that would reach Object.prototype machinery if assigned carelessly. */
const HOSTILE_KEYS = new Set(["__proto__"]);

class ParseAbort extends Error {}

/**
 * Parses every document of a YAML file (YAML 1.2 core schema: `no`, `on`, `1:20` stay strings),
 * refusing what a careful reader could be fooled by: duplicate keys, tags, merge keys, alias bombs.
 */
export function parseYaml(file: string, text: string, limits: Limits): ParseResult {
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const at: At = (offset) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const refused = refusedUnread(file, text, limits);
  if (refused) return { documents: [], problems: [refused] };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      version: "1.2",
      schema: "core",
      // Duplicate keys are found below, where the key's name and its first line are known.
      uniqueKeys: false,
      merge: false,
      strict: true,
      prettyErrors: false,
      keepSourceTokens: false,
    }) as Document.Parsed[];
  } catch (e) {
    const deep = /call stack/i.test((e as Error).message);
    const message = deep ? `nesting too deep to read (limit maxDepth: ${limits.maxDepth} levels)` : `YAML could not be parsed: ${(e as Error).message}`;
    return { documents: [], problems: [{ code: deep ? "limit" : "yaml", message: `${file}: ${message}`, location: { file, line: 1, column: 1 } }] };
  }
  if (!Array.isArray(docs)) docs = [docs as Document.Parsed];

  const documents: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    const yamlErrors = [...doc.errors, ...doc.warnings];
    for (const err of yamlErrors) {
      const loc = at(err.pos[0]);
      // The YAML reader recurses per level: nesting thousands deep overflows its stack before maxDepth is counted.
      if (/call stack/i.test(err.message)) problems.push({ code: "limit", message: `nesting too deep to read (limit maxDepth: ${limits.maxDepth} levels)`, location: loc });
      else problems.push({ code: "yaml", message: `${describeYamlError(err.code, err.message)}`, location: loc });
    }
    if (yamlErrors.length > 0) return;
    if (doc.contents === null) return; // an empty document (e.g. a trailing `---`)
    const converter = new Converter(doc, file, limits, at, problems);
    try {
      const value = converter.convert(doc.contents, [], 0, new Set());
      documents.push({ file, index, value, map: converter.map, plainText: converter.plainText });
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
    }
  });
  return { documents, problems };
}

type At = (offset: number | undefined) => { file: string; line: number; column: number };

/** What is refused before the YAML reader sees the text: NUL bytes, and more values than maxNodes (aliases counted expanded). */
function refusedUnread(file: string, text: string, limits: Limits): Problem | undefined {
  if (text.includes("\u0000")) return { code: "yaml", message: `${file} is not a text file (it contains NUL bytes)`, location: { file, line: 1, column: 1 } };
  const crowded = valuesOverLimit(text, limits.maxNodes);
  if (crowded !== undefined) return { code: "limit", message: `document has more than ${limits.maxNodes} values, aliases expanded (limit maxNodes)`, location: { file, ...lineAndColumn(text, crowded) } };
  return undefined;
}

/** One document's YAML nodes to plain data, recording where each value and key stood; a refusal is a problem and a ParseAbort. */
class Converter {
  readonly map: SourceMap;
  readonly plainText = new Map<string, string>();
  private aliases = 0;
  private nodes = 0;

  constructor(
    private readonly doc: Document.Parsed,
    file: string,
    private readonly limits: Limits,
    private readonly at: At,
    private readonly problems: Problem[],
  ) {
    const start = at(doc.contents?.range?.[0]);
    this.map = new SourceMap(file, { line: start.line, column: start.column });
  }

  private refuse(code: Problem["code"], message: string, offset: number | undefined): never {
    this.problems.push({ code, message, location: this.at(offset) });
    throw new ParseAbort();
  }

  convert(node: unknown, path: (string | number)[], depth: number, aliasChain: Set<unknown>): unknown {
    const { limits } = this;
    if (++this.nodes > limits.maxNodes) this.refuse("limit", `document has more than ${limits.maxNodes} values, aliases expanded (limit maxNodes)`, (node as YamlNode).range?.[0] ?? this.doc.contents?.range?.[0]);
    if (depth > limits.maxDepth) this.refuse("limit", `nesting deeper than ${limits.maxDepth} levels (limit maxDepth)`, (node as YamlNode).range?.[0]);
    const ptr = pointerOf(path);
    if (isAlias(node)) {
      if (++this.aliases > limits.maxAliases) this.refuse("limit", `more than ${limits.maxAliases} alias${limits.maxAliases === 1 ? "" : "es"} (*name) in one document (limit maxAliases)`, node.range?.[0]);
      const target = node.resolve(this.doc);
      if (target === undefined || aliasChain.has(target)) this.refuse("yaml", `alias *${node.source} does not resolve`, node.range?.[0]);
      const inner = this.convert(target, path, depth, new Set(aliasChain).add(target));
      this.map.values.set(ptr, this.at(node.range?.[0]));
      return inner;
    }
    const yn = node as YamlNode;
    if (yn.tag !== undefined && yn.tag !== STR_TAG) this.refuse("yaml", `YAML tag ${yn.tag.replace("tag:yaml.org,2002:", "!!")} is not allowed: write plain values`, yn.range?.[0]);
    this.map.values.set(ptr, this.at(yn.range?.[0]));
    if (isScalar(node)) {
      if (node.type === Scalar.PLAIN && typeof node.value !== "string" && typeof node.source === "string") this.plainText.set(ptr, node.source);
      return node.value;
    }
    if (isSeq(node)) return node.items.map((item, i) => this.convert(item, [...path, i], depth + 1, aliasChain));
    if (isMap(node)) return this.convertMap(node.items, path, depth, aliasChain);
    return this.refuse("yaml", "unsupported YAML node", yn.range?.[0]);
  }

  private convertMap(items: readonly unknown[], path: (string | number)[], depth: number, aliasChain: Set<unknown>): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const firstLine = new Map<string, number>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      if (!isScalar(keyNode)) this.refuse("yaml", "map keys must be plain strings", (keyNode as YamlNode | null)?.range?.[0]);
      const key = keyNode.type === Scalar.PLAIN && typeof keyNode.source === "string" ? keyNode.source : String(keyNode.value);
      const keyPos = this.at(keyNode.range?.[0]);
      if (key === "<<") this.refuse("yaml", "merge keys (<<) are not allowed: write each field out", keyNode.range?.[0]);
      if (HOSTILE_KEYS.has(key)) this.refuse("yaml", `key '${key}' is not allowed`, keyNode.range?.[0]);
      // Most YAML readers keep the last of two equal keys; a reviewer reads the first. Neither wins here.
      const first = firstLine.get(key);
      if (first !== undefined) this.refuse("yaml", `duplicate key '${printable(key)}' (first on line ${first}): write each key once`, keyNode.range?.[0]);
      firstLine.set(key, keyPos.line);
      const childPath = [...path, key];
      this.map.keys.set(pointerOf(childPath), keyPos);
      const value = pair.value;
      const v = value === null ? null : this.convert(value, childPath, depth + 1, aliasChain);
      // A missing value, or a block list or map, is pointed at by its key: that is the line a reviewer sees.
      if (value === null || isMap(value) || isSeq(value)) this.map.values.set(pointerOf(childPath), keyPos);
      // defineProperty: a key named like a prototype member stays plain data.
      Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
}

function valuesOverLimit(text: string, max: number): number | undefined {
  if (text.length <= 2 * max + 16 || text.length < 256 * 1024) return undefined;
  let opened = 0;
  let keys = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const c = token.charCodeAt(0);
    if (token.length === 1 && c < 0x20) {
      // Control tokens are not source text: \x02 starts a document, \x1f a scalar (\x18 ends a flow collection).
      if (c === 0x02) opened = keys = 0;
      else if (c === 0x1f) opened++;
      continue;
    }
    if (c === 0x22 /* " */ || c === 0x27 /* ' */ || token === "{" || token === "[") opened++;
    else if (token === ":" || token === "?") keys++;
    if (opened - keys > max) return offset;
    offset += token.length;
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, column: offset - start + 1 };
}

function describeYamlError(code: string, message: string): string {
  const first = message.split("\n")[0] ?? message;
  const text = first.replace(/ at line \d+, column \d+:?$/, "");
  switch (code) {
    case "DUPLICATE_KEY":
      return `duplicate key: ${text}`;
    case "TAG_RESOLVE_FAILED": {
      const tag = /Unresolved tag: (\S+)/.exec(text)?.[1];
      return tag ? `YAML tag ${printable(tag.replace("tag:yaml.org,2002:", "!!"))} is not allowed: write plain values` : `YAML tag is not allowed: ${text}`;
    }
    default:
      return `YAML syntax error: ${text}`;
  }
}
