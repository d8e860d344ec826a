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
export class LineSplitter {
  private rest = "";
  private started = false;
  private halted = false;

  constructor(
    private readonly onLine: (text: string, start: number, end: number) => void,
    private readonly maxLine = Infinity,
    private readonly onTooLong: () => void = () => {},
  ) {}

  /** A line was too long (or the caller called stop()): nothing more is handed over. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Hands over nothing more (the caller found what it needed to refuse the text). */
  stop(): void {
    this.halted = true;
    this.rest = "";
  }

  push(chunk: string): void {
    if (chunk.length === 0 || this.halted) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.rest + chunk;
    let start = 0;
    // Only the new chunk can hold the next newline: the rest was searched when it arrived.
    let from = this.rest.length;
    for (;;) {
      const nl = text.indexOf("\n", from);
      if (nl < 0) break;
      if (!this.fits(text, start, nl)) return;
      this.onLine(text, start, nl);
      if (this.halted) return;
      start = nl + 1;
      from = start;
    }
    // The line in progress may end with a CR that belongs to its line ending: allow one character more.
    if (text.length - start > this.maxLine + 1) return void this.tooLong();
    this.rest = text.slice(start);
  }

  /** The last line, when the text does not end with a newline. */
  end(): void {
    if (this.halted) return;
    const rest = this.rest;
    this.rest = "";
    if (rest.length > 0 && this.fits(rest, 0, rest.length)) this.onLine(rest, 0, rest.length);
  }

  private fits(text: string, start: number, end: number): boolean {
    const length = end - start - (end > start && text.charCodeAt(end - 1) === 13 ? 1 : 0);
    if (length <= this.maxLine) return true;
    this.tooLong();
    return false;
  }

  private tooLong(): void {
    this.stop();
    this.onTooLong();
  }
}
