// Offsets and positions through an edit: where text that did not change ends up after a
// replacement, so cached results (findings, index locations, related locations) can be moved
// instead of recomputed. Pure.
import type { Position, Range } from '../types.js';
import type { LineIndex } from '../util/lineIndex.js';
import type { Location } from '../workspaceIndex.js';

/** One replacement: old text[start, oldEnd) became new text[start, newEnd). */
export interface EditRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The smallest single region in which two texts differ (common prefix and suffix). A hint (the
 * region an editor reported) is used when it is consistent with the lengths.
 */
export function diffRegion(oldText: string, newText: string, hint?: EditRegion): EditRegion {
  if (
    hint &&
    hint.start >= 0 &&
    hint.start <= hint.oldEnd &&
    hint.oldEnd <= oldText.length &&
    hint.start <= hint.newEnd &&
    hint.newEnd <= newText.length &&
    oldText.length - hint.oldEnd === newText.length - hint.newEnd
  ) {
    return hint;
  }
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  // Blocks first (string comparison of slices is native), then characters.
  const BLOCK = 4096;
  while (start + BLOCK <= max && oldText.slice(start, start + BLOCK) === newText.slice(start, start + BLOCK)) start += BLOCK;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && oldText.slice(oldEnd - BLOCK, oldEnd) === newText.slice(newEnd - BLOCK, newEnd)) {
    oldEnd -= BLOCK;
    newEnd -= BLOCK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Moves offsets, positions, ranges and locations of the old text to the new one. */
export class EditMapper {
  readonly delta: number;
  private readonly oldStart: Position;
  private readonly oldEnd: Position;
  private readonly newEnd: Position;

  constructor(
    readonly region: EditRegion,
    oldLines: LineIndex,
    newText: string,
    readonly uri: string,
  ) {
    this.delta = region.newEnd - region.oldEnd;
    this.oldStart = oldLines.positionAt(region.start);
    this.oldEnd = oldLines.positionAt(region.oldEnd);
    const inserted = newText.slice(region.start, region.newEnd);
    const lastBreak = inserted.lastIndexOf('\n');
    let breaks = 0;
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) breaks++;
    this.newEnd =
      lastBreak === -1
        ? { line: this.oldStart.line, character: this.oldStart.character + inserted.length }
        : { line: this.oldStart.line + breaks, character: inserted.length - lastBreak - 1 };
  }

  /**
   * An offset of text the edit did not touch: before the replaced text, or after it (and after
   * its start, so an insertion point itself is ambiguous). Undefined otherwise.
   */
  offset(offset: number): number | undefined {
    if (offset < this.region.start) return offset;
    if (offset >= this.region.oldEnd && offset > this.region.start) return offset + this.delta;
    return undefined;
  }

  /** A position, with the same rule as `offset`. */
  position(position: Position): Position | undefined {
    if (before(position, this.oldStart)) return position;
    if (!before(position, this.oldEnd) && before(this.oldStart, position)) {
      if (position.line === this.oldEnd.line) return { line: this.newEnd.line, character: this.newEnd.character + position.character - this.oldEnd.character };
      return { line: position.line + this.newEnd.line - this.oldEnd.line, character: position.character };
    }
    return undefined;
  }

  /** A range that neither overlaps, surrounds nor touches the replaced text. */
  range(range: Range): Range | undefined {
    const start = this.position(range.start);
    const end = this.position(range.end);
    if (!start || !end) return undefined;
    if (before(range.start, this.oldStart) && !before(range.end, this.oldStart)) return undefined;
    const same = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
    return same(start, range.start) && same(end, range.end) ? range : { start, end };
  }

  location(location: Location): Location | undefined {
    if (location.uri !== this.uri) return location;
    const start = this.offset(location.start);
    const end = this.offset(location.end);
    if (start === undefined || end === undefined) return undefined;
    if (location.start < this.region.start && location.end >= this.region.start) return undefined;
    const range = this.range(location.range);
    if (!range) return undefined;
    return start === location.start && end === location.end && range === location.range ? location : { uri: location.uri, start, end, range };
  }
}
