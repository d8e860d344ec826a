/**
 * Lines of a text that arrives a chunk at a time (identifier files, inventories): a line split across
 * chunks is joined, a leading BOM is dropped, and each line is handed over as (text, start, end) so the
 * caller slices only what it keeps. Pure: the caller does the reading.
 */
export class LineSplitter {
  private rest = "";
  private started = false;

  constructor(private readonly onLine: (text: string, start: number, end: number) => void) {}

  push(chunk: string): void {
    if (chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.onLine(text, start, nl);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** The last line, when the text does not end with a newline. */
  end(): void {
    const rest = this.rest;
    this.rest = "";
    if (rest.length > 0) this.onLine(rest, 0, rest.length);
  }
}
