// A feature is a short text of space-separated parts ("ir XLOAD int >"),
// hashed into the 64 Ki map: FNV-1a over its characters, folded to 16
// bits. Texts keep features readable in tests and when someone asks what a
// case reached; the campaign keeps only the index. The hashing sink walks
// the parts' characters as the text would have them, without building the
// text: screening extracts a few hundred features per trace.
import { MAP_ENTRIES } from "./coverage-set.ts";

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

export type FeaturePart = string | number;

function mixText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The digits of a non-negative integer, as String would write them, without making the string. */
function mixDigits(h: number, n: number): number {
  if (n >= 10) h = mixDigits(h, Math.floor(n / 10));
  return Math.imul(h ^ (48 + (n % 10)), FNV_PRIME);
}

/** A space, then the part (numbers are mostly small integers: their digits need no string). */
function mixPart(h: number, part: FeaturePart): number {
  const spaced = Math.imul(h ^ SPACE, FNV_PRIME);
  if (typeof part === "string") return mixText(spaced, part);
  if (Number.isSafeInteger(part) && part >= 0) return mixDigits(spaced, part);
  return mixText(spaced, String(part));
}

const fold = (h: number): number => ((h >>> 16) ^ h) & (MAP_ENTRIES - 1);

/** The map index of a feature text. */
export function featureIndex(text: string): number {
  return fold(mixText(FNV_OFFSET, text));
}

/** Where the extractor puts features: up to six parts each, the first being the family. */
export interface FeatureSink {
  add(a: FeaturePart, b?: FeaturePart, c?: FeaturePart, d?: FeaturePart, e?: FeaturePart, f?: FeaturePart): void;
}

/**
 * Collects map indices: featureIndex of the text the parts make, each once.
 * A case adds a few thousand, most of them repeats: a scratch map of the 64
 * Ki entries, shared by every sink, tells the repeats apart without a Set
 * (whose growth was a good part of the screening's garbage). So a sink is
 * filled and read (`sortedIndices`) before the next one starts; making a
 * second one before that throws rather than count wrong.
 */
export class IndexSink implements FeatureSink {
  private static readonly marks = new Uint8Array(MAP_ENTRIES);
  private static busy = false;
  private readonly indices: number[] = [];
  constructor() {
    if (IndexSink.busy) throw new Error("IndexSink: the scratch map is in use by a sink not yet read");
    IndexSink.busy = true;
  }
  add(a: FeaturePart, b?: FeaturePart, c?: FeaturePart, d?: FeaturePart, e?: FeaturePart, f?: FeaturePart): void {
    let h = mixText(FNV_OFFSET, String(a));
    if (b !== undefined) h = mixPart(h, b);
    if (c !== undefined) h = mixPart(h, c);
    if (d !== undefined) h = mixPart(h, d);
    if (e !== undefined) h = mixPart(h, e);
    if (f !== undefined) h = mixPart(h, f);
    const i = fold(h);
    if (IndexSink.marks[i] === 0) {
      IndexSink.marks[i] = 1;
      this.indices.push(i);
    }
  }
  /** The distinct indices, ascending; clears the scratch map for the next sink. */
  sortedIndices(): number[] {
    const sorted = Array.from(Int32Array.from(this.indices).sort());
    for (const i of this.indices) IndexSink.marks[i] = 0;
    this.indices.length = 0;
    IndexSink.busy = false;
    return sorted;
  }
}

/** Collects the texts themselves. */
export class TextSink implements FeatureSink {
  readonly texts = new Set<string>();
  add(...parts: Array<FeaturePart | undefined>): void {
    this.texts.add(parts.filter((p) => p !== undefined).join(" "));
  }
}
