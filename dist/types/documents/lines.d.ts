/**
 * Lines of a text that arrives a chunk at a time (identifier files, inventories): a line split across
 * chunks is joined, a leading BOM is dropped, and each line is handed over as (text, start, end) so the
 * caller slices only what it keeps. Pure: the caller does the reading.
 *
 * With `maxLine`, a line longer than that many characters (a trailing CR not counted) is not handed over:
 * `onTooLong` is called as soon as the line is seen to be too long, even before its end has arrived, and the
 * splitter stops (`stopped`), so the caller can stop reading. A 128 MiB file of one line was joined chunk by
 * chunk and rescanned each time: 107 s and 1.1 GB, where it can be refused after its first 64 KiB.
 */
export declare class LineSplitter {
    private readonly onLine;
    private readonly maxLine;
    private readonly onTooLong;
    private rest;
    private started;
    private halted;
    constructor(onLine: (text: string, start: number, end: number) => void, maxLine?: number, onTooLong?: () => void);
    /** A line was too long (or the caller called stop()): nothing more is handed over. */
    get stopped(): boolean;
    /** Hands over nothing more (the caller found what it needed to refuse the text). */
    stop(): void;
    push(chunk: string): void;
    /** The last line, when the text does not end with a newline. */
    end(): void;
    private fits;
    private tooLong;
}
