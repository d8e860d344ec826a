import { type Io } from "./io.js";
export { EXIT, type Io } from "./io.js";
export declare function main(argv: string[], io: Io): Promise<number>;
