import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSignature } from "../signature/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { FindingStore, type Hit } from "./store.ts";

const PR1028 = "crash:SIGILL:illegal-word:pair-offset-smear";
const signature = parseSignature(PR1028)!;
const hit = (caseIndex: number, target: string, more: Partial<Hit> = {}): Hit => ({
  signature,
  caseIndex,
  seed: 5,
  seconds: 1.26,
  source: "-- ljfuzz: -Ohotloop=1\nprint(1)\n",
  jitOptions: ["hotloop=1"],
  result: recordedResult("crash", { signal: "SIGILL", target, findings: [["illegal-word", "pair-offset-smear"]] }),
  known: null,
  knownBy: null,
  ...more,
});

const dirs: string[] = [];
const store = () => {
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-store-test-"));
  dirs.push(dir);
  return { dir, store: new FindingStore(dir) };
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the finding store", () => {
  it("writes a bundle the moment a signature is new, as bundles have always been written", () => {
    const { dir, store: s } = store();
    expect(s.record(hit(3, "openresty-2023"))).toBe(true);
    const bundle = join(dir, "crash-sigill-illegal-word-pair-offset-smear");
    expect(JSON.parse(readFileSync(join(bundle, "finding.json"), "utf8"))).toEqual({
      signature: PR1028,
      verdict: "crash",
      signal: "SIGILL",
      oracleKind: "illegal-word",
      where: "pair-offset-smear",
      seed: 5,
      caseIndex: 3,
      jitOptions: ["hotloop=1"],
      // The build the commands are for, the PRNG seed its runs were pinned to, and how it replays (README, "Pinned addresses").
      target: "openresty-2023",
      prngSeed: 12345,
      replay: "pinned",
    });
    expect(readFileSync(join(bundle, "command.txt"), "utf8")).toContain(
      "LJFUZZ_PRNG_SEED=12345 luajit -Ohotloop=1 case.lua",
    );
    expect(readFileSync(join(bundle, "case.lua"), "utf8")).toBe(
      `-- ljfuzz finding ${PR1028}\n-- seed 5, case 3\n-- run: luajit -Ohotloop=1 case.lua   (and -joff to compare)\n-- ljfuzz: -Ohotloop=1\nprint(1)\n`,
    );
    expect(existsSync(join(bundle, "command.txt"))).toBe(true);
    expect(existsSync(join(bundle, "result-openresty-2023.json"))).toBe(true);
    expect(s.summary(signature)).toMatchObject({ signature: PR1028, count: 1, firstCase: 3, firstSeconds: 1.3 });
  });

  it("counts later hits; a new target is news, a repeat on one is not", () => {
    const { store: s } = store();
    s.record(hit(3, "openresty-2023"));
    expect(s.has(signature, "openresty-2023")).toBe(true);
    expect(s.record(hit(9, "openresty-2023"))).toBe(false);
    expect(s.record(hit(12, "luajit-2022"))).toBe(true);
    s.count(signature, "luajit-2022");
    expect(s.summary(signature)).toMatchObject({ count: 4, firstCase: 3, targets: ["openresty-2023", "luajit-2022"] });
  });

  it("keeps the lowest case as the reproducer, and a shrunk program over later hits, with the original beside it", () => {
    const { dir, store: s } = store();
    const bundle = join(dir, "crash-sigill-illegal-word-pair-offset-smear");
    s.record(hit(9, "openresty-2023"));
    s.record(hit(3, "openresty-2023", { source: "print(3)\n" }));
    expect(readFileSync(join(bundle, "case.lua"), "utf8")).toMatch(/case 3\n[\s\S]*print\(3\)\n$/);
    s.improve(signature, { source: "print(0)\n", jitOptions: ["hotloop=1"], result: hit(3, "openresty-2023").result });
    s.record(hit(1, "openresty-2023"));
    expect(readFileSync(join(bundle, "case.lua"), "utf8")).toMatch(/print\(0\)\n$/);
    expect(readFileSync(join(bundle, "original.lua"), "utf8")).toMatch(/print\(3\)\n$/);
    expect(JSON.parse(readFileSync(join(dir, "findings.json"), "utf8")).findings[0]).toMatchObject({ firstCase: 1 });
  });

  it("records the seeds the case ran at alone and those it failed at, and keeps them when it is shrunk", () => {
    const { dir, store: s } = store();
    const bundle = join(dir, "crash-sigill-illegal-word-pair-offset-smear");
    const seeds = { own: 11, tried: [11, 12, 13], failing: [13] };
    s.record(hit(3, "openresty-2023", { seeds }));
    const finding = () => JSON.parse(readFileSync(join(bundle, "finding.json"), "utf8"));
    expect(finding()).toMatchObject({ seeds });
    expect(s.summary(signature)).toMatchObject({ seeds });
    s.improve(signature, { source: "print(0)\n", jitOptions: ["hotloop=1"], result: hit(3, "openresty-2023").result });
    expect(finding()).toMatchObject({ seeds });
  });

  it("calls a known bug new when it shows on a target its entry does not know", () => {
    const { store: s } = store();
    s.record(hit(3, "openresty-2023", { known: "pr1028", knownBy: "signature" }));
    expect(s.summary(signature)).toMatchObject({ known: "pr1028", knownBy: "signature" });
    s.record(hit(4, "openresty-2025"));
    expect(s.summary(signature)).toMatchObject({ known: null, knownBy: null });
  });
});
