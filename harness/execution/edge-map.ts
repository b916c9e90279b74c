// The shared-memory file through which a `+cov` build's runtime
// (harness/coverage/runtime.c) publishes its edge counts: a 64-byte header and one 64 KiB
// map per slot, slot 0 for what runs outside a case, slot k+1 for the case
// at position k of a batch. Made here before the process starts, read
// after it ends (a crash loses nothing: the counts are in the file's pages).
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeScratch, removeScratch } from "../scratch.ts";

/** Bytes of one map: one per edge hash (runtime.c's MAP_BYTES). */
export const EDGE_MAP_BYTES = 65536;
const HEADER_BYTES = 64;
const MAGIC = "LJFZCOV1";

/** What one process left in the file. */
export interface EdgeCounts {
  /** Whether the runtime mapped the file (false: not a +cov binary, or it never started). */
  readonly attached: boolean;
  /** How many cases the batch driver marked. */
  readonly marks: number;
  /** Edges run outside any case (start-up; all of a single program's run). */
  readonly outside: Uint8Array;
  /** Per position in the batch: the edges its case ran (hit counts, saturating at 255). */
  readonly cases: readonly Uint8Array[];
}

/** Shared memory where the system has it (/dev/shm, where POSIX shm_open puts it), else the temporary folder. */
function shmDir(): string {
  try {
    if (statSync("/dev/shm").isDirectory()) return "/dev/shm";
  } catch {
    // no /dev/shm
  }
  return tmpdir();
}

/**
 * A map file for a process that runs `cases` cases (0 for a single
 * program), in a scratch folder of its own: removed with the others when
 * ljfuzz exits, Ctrl-C included.
 */
export class EdgeMapFile {
  readonly path: string;
  private readonly dir: string;
  private readonly slots: number;

  constructor(cases: number) {
    this.slots = cases + 1;
    this.dir = makeScratch("cov", shmDir());
    this.path = join(this.dir, "edges");
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(MAGIC, 0, "latin1");
    header.writeUInt32LE(EDGE_MAP_BYTES, 8);
    header.writeUInt32LE(this.slots, 12);
    const fd = openSync(this.path, "w");
    try {
      writeSync(fd, header);
      ftruncateSync(fd, HEADER_BYTES + this.slots * EDGE_MAP_BYTES);
    } finally {
      closeSync(fd);
    }
  }

  /** What the process's environment needs for the runtime to find the file. */
  get env(): Record<string, string> {
    return { LJFUZZ_COV_SHM: this.path };
  }

  /** The counts, once the process has ended; the maps are views of one buffer read once. */
  read(): EdgeCounts {
    const data = existsSync(this.path) ? readFileSync(this.path) : Buffer.alloc(0);
    const size = HEADER_BYTES + this.slots * EDGE_MAP_BYTES;
    if (data.length < size) throw new Error(`coverage map ${this.path} is ${data.length} bytes, not ${size}`);
    const slot = (k: number) =>
      new Uint8Array(data.buffer, data.byteOffset + HEADER_BYTES + k * EDGE_MAP_BYTES, EDGE_MAP_BYTES);
    return {
      attached: data.readUInt32LE(16) === 1,
      marks: data.readUInt32LE(24),
      outside: slot(0),
      cases: Array.from({ length: this.slots - 1 }, (_, k) => slot(k + 1)),
    };
  }

  remove(): void {
    removeScratch(this.dir);
  }
}
