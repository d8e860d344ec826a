import type { RuleModule } from "./types.js";
/** Every rule type a Policy may name, by `type`. */
export declare const RULES: ReadonlyMap<string, RuleModule<any>>;
