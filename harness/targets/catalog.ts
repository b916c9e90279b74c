// The named targets ljfuzz knows, each a LuaJIT source pinned exactly.
// Versions are facts about Debian's archive measured in 2025/2026; when one
// disappears, provisioning says so and names what the archive has instead.

/** A Debian source package at an exact version, looked for in these suites. */
export interface DebianSource {
  readonly kind: "debian";
  readonly package: string;
  readonly version: string;
  readonly suites: readonly string[];
}

export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly source: DebianSource;
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
];

export function catalogEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}
