import type { Limits } from "./limits.js";
import type { Problem } from "./problem.js";
import { SourceMap } from "./source.js";
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
/**
 * Parses every document of a YAML file (YAML 1.2 core schema: `no`, `on`, `1:20` stay strings),
 * refusing what a careful reader could be fooled by: duplicate keys, tags, merge keys, alias bombs.
 */
export declare function parseYaml(file: string, text: string, limits: Limits): ParseResult;
