// Every way ljfuzz can end, as a distinct exit code a script can branch on.
// Findings are not errors: they have their own code, separate from ours.
export const ExitCode = {
  ok: 0,
  /** A finding: a verdict other than pass, a regression, an oracle hit. */
  finding: 1,
  /** Bad command-line usage (unknown option, bad value). */
  usage: 2,
  /** An input file does not exist or cannot be read. */
  missingFile: 3,
  /** The Lua program does not parse (the user's error, not a finding). */
  luaSyntax: 4,
  /** A target name or spec ljfuzz does not know. */
  unknownTarget: 5,
  /** A `bin:` target that is not an aarch64 executable. */
  notArm64: 6,
  /** No way to run aarch64 code: not an arm64 host and no qemu-aarch64. */
  noQemu: 7,
  /** A corpus entry that cannot be read or does not validate. */
  corruptCorpus: 8,
  /** Provisioning failed: a package, a source version or a build. */
  provision: 9,
  /** ljfuzz itself failed (a bug of ours, or a run we could not judge). */
  internal: 10,
  /** Interrupted by Ctrl-C; whatever was found is already on disk. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error with the exit code it maps to and a one-line message for people. */
export class LjfuzzError extends Error {
  readonly exitCode: ExitCodeValue;
  /** Longer detail (a command's output, say), printed only with --verbose. */
  readonly detail: string | undefined;

  constructor(exitCode: ExitCodeValue, message: string, detail?: string) {
    super(message);
    this.name = "LjfuzzError";
    this.exitCode = exitCode;
    this.detail = detail;
  }
}
