/** A growable list of 32-bit integers, held in a typed array (outside the garbage-collected heap). */
export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  /** The values, trimmed to their length (a view: no copy). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
