// No network here: the `git:` targets a workflow names in `env` (upstream at its
// newest commit, a pinned fix) cannot be built, so each stands in for one of
// the --target specs, in turn, the same one wherever the spec appears.

const GIT_SPEC = /git:\S+/g;

export class GitTargetStandIns {
  private readonly chosen = new Map<string, string>();

  constructor(private readonly targets: readonly string[]) {
    if (targets.length === 0) throw new Error("no targets to stand in for git: targets");
  }

  /** The value with each git: spec replaced by its stand-in. */
  replace(value: string): string {
    return value.replace(GIT_SPEC, (spec) => {
      let target = this.chosen.get(spec);
      if (target === undefined) {
        target = this.targets[this.chosen.size % this.targets.length]!;
        this.chosen.set(spec, target);
      }
      return target;
    });
  }

  /** What stood in for what, for the run's log. */
  get replacements(): ReadonlyMap<string, string> {
    return this.chosen;
  }
}
