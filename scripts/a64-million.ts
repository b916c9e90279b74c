// Runs N (default 1,000,000) random words, biased towards the modeled groups,
// through our decoder/encoder and binutils, and prints mismatches per group.
//   npx tsx scripts/a64-million.ts [N] [--seed S] [--show K]
import { biasedWord, crossCheck, type Mismatch } from "../oracle/a64/index.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const args = process.argv.slice(2);
const total = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const seedArg = args.indexOf("--seed");
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : Date.now() % 2 ** 31;
const showArg = args.indexOf("--show");
const show = showArg >= 0 ? Number(args[showArg + 1]) : 5;
const next = rng(seed);
const batch = 50_000;

const byGroup = new Map<string, { validity: number; text: number; roundtrip: number; examples: Mismatch[] }>();
let valid = 0;
let unallocated = 0;
let unmodeled = 0;
const started = Date.now();
for (let done = 0; done < total; done += batch) {
  const words: number[] = [];
  for (let i = 0; i < Math.min(batch, total - done); i++) words.push(biasedWord(next(), next(), next()));
  const report = crossCheck(words);
  valid += report.valid;
  unallocated += report.unallocated;
  unmodeled += report.unmodeled;
  for (const m of report.mismatches) {
    const g = byGroup.get(m.group) ?? { validity: 0, text: 0, roundtrip: 0, examples: [] };
    g[m.kind]++;
    if (g.examples.length < show) g.examples.push(m);
    byGroup.set(m.group, g);
  }
  process.stderr.write(`\r${Math.min(done + batch, total)}/${total}`);
}
process.stderr.write("\n");
console.log(
  `seed ${seed}: ${total} words in ${((Date.now() - started) / 1000).toFixed(1)} s: ${valid} valid, ${unallocated} unallocated, ${unmodeled} unmodeled`,
);
let mismatches = 0;
for (const [group, g] of [...byGroup].sort()) {
  mismatches += g.validity + g.text + g.roundtrip;
  console.log(`${group}: validity ${g.validity}, text ${g.text}, roundtrip ${g.roundtrip}`);
  for (const m of g.examples)
    console.log(
      `  0x${m.word.toString(16).padStart(8, "0")} @${m.address.toString(16)} ${m.kind}: ours "${m.ours}" binutils "${m.binutils}"`,
    );
}
console.log(`mismatches: ${mismatches}`);
process.exitCode = mismatches === 0 ? 0 : 1;
