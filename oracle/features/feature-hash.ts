// A feature is a short text ("ir XLOAD int >"), hashed into the 64 Ki map:
// FNV-1a over its characters, folded to 16 bits. Texts keep features
// readable in tests and when someone asks what a case reached; the hash is
// what the campaign keeps. Hashes are remembered (the vocabulary is small),
// up to a bound that keeps a long campaign's memory flat.
import { MAP_ENTRIES } from "./coverage-set.ts";

const remembered = new Map<string, number>();
const REMEMBER_AT_MOST = 100_000;

export function featureIndex(feature: string): number {
  const known = remembered.get(feature);
  if (known !== undefined) return known;
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const index = ((h >>> 16) ^ h) & (MAP_ENTRIES - 1);
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
  remembered.set(feature, index);
  return index;
}
