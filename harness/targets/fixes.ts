// The corpus's fixes: a corpus entry may hold fix.patch, a change to
// LuaJIT's sources that fixes its bug. A `+fixes` target is built with them
// (build.ts): one binary per patch, with only that patch, and the main
// binary with all of them. A campaign runs a new failure on the one-patch
// binaries: the patch that makes it pass names the known bug it is.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { DEFAULT_CORPUS } from "../repository.ts";

export interface FixPatch {
  /** The corpus entry the patch fixes. */
  readonly id: string;
  readonly path: string;
  readonly sha256: string;
}

/** Every entry's fix.patch, by entry id. */
export function corpusFixes(root: string = DEFAULT_CORPUS): FixPatch[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .filter((id) => existsSync(join(root, id, "fix.patch")))
    .map((id) => {
      const path = join(root, id, "fix.patch");
      return { id, path, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
    });
}

/** `exact`: no fuzz (patch's default ignores up to two lines of context at each end). */
export interface PatchOptions {
  readonly exact?: boolean;
}

const fuzz = (options: PatchOptions) => (options.exact ? ["-F0"] : []);

/** Whether the patch applies to the tree as it is (a fix for another version may not). */
export async function patchApplies(tree: string, fix: FixPatch, options: PatchOptions = {}): Promise<boolean> {
  const args = ["-p1", "--dry-run", "--forward", "--batch", "--silent", ...fuzz(options), "-i", fix.path];
  const result = await execa("patch", args, { cwd: tree, reject: false });
  return result.exitCode === 0;
}

export async function applyPatch(
  tree: string,
  fix: FixPatch,
  options: PatchOptions & { reverse?: boolean } = {},
): Promise<void> {
  const direction = options.reverse ? ["-R"] : ["--forward"];
  await execa("patch", ["-p1", "--batch", "--silent", ...direction, ...fuzz(options), "-i", fix.path], { cwd: tree });
}
