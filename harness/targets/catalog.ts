// The named targets ljfuzz knows, each a LuaJIT source pinned exactly.
// Debian versions are facts about Debian's archive measured in 2025/2026;
// when one disappears, provisioning says so and names what the archive has
// instead. Upstream HEAD is a commit's source archive, pinned by its hashes.

/** A Debian source package at an exact version, looked for in these suites. */
export interface DebianSource {
  readonly kind: "debian";
  readonly package: string;
  readonly version: string;
  readonly suites: readonly string[];
}

/**
 * A source archive pinned by its SHA-256 (a `git archive` of a commit),
 * found in LJFUZZ_SOURCES or downloaded from `url`. A download need not be
 * the same bytes (GitHub compresses its own archives): it is accepted when
 * its extracted tree has `treeSha256` (archive.ts).
 */
export interface ArchiveSource {
  readonly kind: "archive";
  /** The archive's file name, as a LJFUZZ_SOURCES folder holds it. */
  readonly file: string;
  readonly sha256: string;
  readonly treeSha256: string;
  readonly repository: string;
  readonly commit: string;
  /** Where the network has an archive of the commit. */
  readonly url: string;
}

export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly source: DebianSource | ArchiveSource;
  /** Whether this build carries LuaJIT PR #1028 (the LDP/STP offset mask). */
  readonly hasPr1028Fix: boolean;
}

// Suites searched for a pinned version, oldest first: a package that migrates
// from sid to testing to stable stays findable.
const SUITES = ["bookworm", "trixie", "forky", "sid"] as const;

export const CATALOG: readonly CatalogEntry[] = [
  {
    name: "luajit-2022",
    description: "LuaJIT 2.1.0-beta3 git 2022-03-20 (Debian bookworm), before the PR #1028 fix",
    source: { kind: "debian", package: "luajit", version: "2.1.0~beta3+git20220320+dfsg-4.1+deb12u1", suites: SUITES },
    hasPr1028Fix: false,
  },
  {
    name: "openresty-2023",
    description: "OpenResty luajit2 2.1-20230119 (Debian bookworm), the fork Kong ran when it crashed; before the fix",
    source: { kind: "debian", package: "luajit2", version: "2.1-20230119-1", suites: SUITES },
    hasPr1028Fix: false,
  },
  {
    name: "openresty-2025",
    description: "OpenResty LuaJIT 2.1.0+openresty20251030 (Debian sid), after the fix",
    source: { kind: "debian", package: "luajit", version: "2.1.0+openresty20251030-1", suites: SUITES },
    hasPr1028Fix: true,
  },
  {
    name: "luajit-2026",
    description: "upstream LuaJIT v2.1 at 1ee778a4 (2026-08-19), newer than every Debian build",
    source: {
      kind: "archive",
      // `git archive --prefix=luajit-v2.1-1ee778a4/ 1ee778a4` of the official repository.
      file: "luajit-v2.1-1ee778a4.tar.gz",
      sha256: "4fd46dba104d3a1814e9f57112865b04a39221d48b302b0870309291b57065ef",
      // Of the unpacked tree (archive.ts treeSha256), which a download of the commit must match.
      treeSha256: "ad59553fadfa76237115e263925528b4840615d7e3bcd3fe04a5177f38d0e03c",
      repository: "https://github.com/LuaJIT/LuaJIT",
      commit: "1ee778a4e37122d8ca7d5733c590a47dafd6b15c",
      url: "https://github.com/LuaJIT/LuaJIT/archive/1ee778a4e37122d8ca7d5733c590a47dafd6b15c.tar.gz",
    },
    hasPr1028Fix: true,
  },
];

export function catalogEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}
