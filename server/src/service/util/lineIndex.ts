import type { Position, Range } from '../types.js';

/**
 * Converts UTF-16 offsets to zero-based line/character positions. Built lazily per file
 * because most files produce no findings, so most never need it.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    private readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /**
   * The index of `text` after old text[start, oldEnd) was replaced by text[start, newEnd): the
   * line starts before the edit are kept, those after it moved, only the new text is scanned
   * (the language server does this on every keystroke in large files).
   */
  static afterEdit(previous: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const old = previous.lineStarts;
    const firstAfter = (offset: number) => {
      let low = 0;
      let high = old.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (old[mid]! <= offset) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    const kept = firstAfter(start);
    const added: number[] = [];
    for (let i = text.indexOf('\n', start); i !== -1 && i < newEnd; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    const tail = firstAfter(oldEnd);
    const delta = newEnd - oldEnd;
    const starts: number[] = new Array(kept + added.length + old.length - tail);
    let k = 0;
    for (let j = 0; j < kept; j++) starts[k++] = old[j]!;
    for (const s of added) starts[k++] = s;
    for (let j = tail; j < old.length; j++) starts[k++] = old[j]! + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)]!;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** Offset of the end of the line's content, before any \r\n or \n. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.text.length;
    return next > 0 && this.text[next - 1] === '\r' && next - 1 >= this.lineStart(line) ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
