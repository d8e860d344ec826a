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
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000")) {
    problems.push({ code: "yaml", message: `${file} is not a text file (it contains NUL bytes)`, location: { file, line: 1, column: 1 } });
    return { documents: [], problems };
  }
  const crowded = valuesOverLimit(text, limits.maxNodes);
  if (crowded !== undefined) {
    problems.push({ code: "limit", message: `document has more than ${limits.maxNodes} values, aliases expanded (limit maxNodes)`, location: { file, ...lineAndColumn(text, crowded) } });
    return { documents: [], problems };
  }
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
    const message = /call stack/i.test((e as Error).message) ? `nesting too deep to read (limit maxDepth: ${limits.maxDepth} levels)` : `YAML could not be parsed: ${(e as Error).message}`;
    problems.push({ code: /call stack/i.test((e as Error).message) ? "limit" : "yaml", message: `${file}: ${message}`, location: { file, line: 1, column: 1 } });
    return { documents: [], problems };
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
    const start = at(doc.contents.range?.[0]);
    const map = new SourceMap(file, { line: start.line, column: start.column });
    const plainText = new Map<string, string>();
    let aliases = 0;
    let nodes = 0;
    const convert = (node: unknown, path: (string | number)[], depth: number, aliasChain: Set<unknown>): unknown => {
      if (++nodes > limits.maxNodes) {
        problems.push({ code: "limit", message: `document has more than ${limits.maxNodes} values, aliases expanded (limit maxNodes)`, location: at((node as YamlNode).range?.[0] ?? doc.contents?.range?.[0]) });
        throw new ParseAbort();
      }
      if (depth > limits.maxDepth) {
        problems.push({ code: "limit", message: `nesting deeper than ${limits.maxDepth} levels (limit maxDepth)`, location: at((node as YamlNode).range?.[0]) });
        throw new ParseAbort();
      }
      const ptr = pointerOf(path);
      if (isAlias(node)) {
        if (++aliases > limits.maxAliases) {
          problems.push({ code: "limit", message: `more than ${limits.maxAliases} alias${limits.maxAliases === 1 ? "" : "es"} (*name) in one document (limit maxAliases)`, location: at(node.range?.[0]) });
          throw new ParseAbort();
        }
        const target = node.resolve(doc);
        if (target === undefined || aliasChain.has(target)) {
          problems.push({ code: "yaml", message: `alias *${node.source} does not resolve`, location: at(node.range?.[0]) });
          throw new ParseAbort();
        }
        const inner = convert(target, path, depth, new Set(aliasChain).add(target));
        map.values.set(ptr, at(node.range?.[0]));
        return inner;
      }
      const yn = node as YamlNode;
      if (yn.tag !== undefined && yn.tag !== STR_TAG) {
        problems.push({ code: "yaml", message: `YAML tag ${yn.tag.replace("tag:yaml.org,2002:", "!!")} is not allowed: write plain values`, location: at(yn.range?.[0]) });
        throw new ParseAbort();
      }
      map.values.set(ptr, at(yn.range?.[0]));
      if (isScalar(node)) {
        const s = node;
        if (s.type === Scalar.PLAIN && typeof s.value !== "string" && typeof s.source === "string") plainText.set(ptr, s.source);
        return s.value;
      }
      if (isSeq(node)) {
        return node.items.map((item, i) => convert(item, [...path, i], depth + 1, aliasChain));
      }
      if (isMap(node)) {
        const obj: Record<string, unknown> = {};
        const firstLine = new Map<string, number>();
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyNode = pair.key;
          let key: string;
          if (isScalar(keyNode)) {
            const ks = keyNode;
            key = ks.type === Scalar.PLAIN && typeof ks.source === "string" ? ks.source : String(ks.value);
          } else {
            problems.push({ code: "yaml", message: "map keys must be plain strings", location: at((keyNode as YamlNode | null)?.range?.[0]) });
            throw new ParseAbort();
          }
          const keyPos = at((keyNode as YamlNode).range?.[0]);
          if (key === "<<") {
            problems.push({ code: "yaml", message: "merge keys (<<) are not allowed: write each field out", location: keyPos });
            throw new ParseAbort();
          }
          if (HOSTILE_KEYS.has(key)) {
            problems.push({ code: "yaml", message: `key '${key}' is not allowed`, location: keyPos });
            throw new ParseAbort();
          }
          // Most YAML readers keep the last of two equal keys; a reviewer reads the first. Neither wins here.
          const first = firstLine.get(key);
          if (first !== undefined) {
            problems.push({ code: "yaml", message: `duplicate key '${printable(key)}' (first on line ${first}): write each key once`, location: keyPos });
            throw new ParseAbort();
          }
          firstLine.set(key, keyPos.line);
          const childPath = [...path, key];
          map.keys.set(pointerOf(childPath), keyPos);
          const v = pair.value === null ? null : convert(pair.value, childPath, depth + 1, aliasChain);
          // A missing value, or a block list or map, is pointed at by its key: that is the line a reviewer sees.
          if (pair.value === null || isMap(pair.value) || isSeq(pair.value)) map.values.set(pointerOf(childPath), keyPos);
          // defineProperty: a key named like a prototype member stays plain data.
          Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return obj;
      }
      problems.push({ code: "yaml", message: "unsupported YAML node", location: at(yn.range?.[0]) });
      throw new ParseAbort();
    };
    try {
      const value = convert(doc.contents, [], 0, new Set());
      documents.push({ file, index, value, map, plainText });
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
    }
  });
  return { documents, problems };
}

/**
 * The offset where a document of `text` is seen, before it is parsed, to hold more than `max` values, or undefined.
 * The YAML reader's syntax tree costs about 1 KB per value (1.5 million `{}` items took 3 GB before maxNodes was
 * counted): the lexer's tokens are counted first, in constant memory. Scalars, `{` and `[` open values; keys
 * (one per `:` or `?`) are not values, so the count never exceeds the values the document holds. Skipped when
 * the text is too short to hold that many (each value takes at least two characters with its separator), or
 * too short to cost much memory (then the exact count, while converting, names the first value over).
 */
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
