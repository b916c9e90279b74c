/*
 * ljfuzz coverage runtime, linked into `+cov` builds of LuaJIT.
 *
 * The compiler's sources are built with gcc's -fsanitize-coverage=trace-pc
 * (gcc has no trace-pc-guard), so every basic block of them calls
 * __sanitizer_cov_trace_pc. This file turns those calls into AFL-style edge
 * counts: the block is named by a hash of its address (a static binary
 * loads at the same address in every run), the edge by the hash of the
 * block and of the one before it, and its byte in a 64 KiB map counts up to
 * 255.
 *
 * The maps live in a file the harness creates in shared memory and names in
 * LJFUZZ_COV_SHM (a crash loses nothing: the pages are the file's). The
 * file is a header and `slots` maps: slot 0 takes whatever runs outside a
 * case (start-up, a single program), slot k+1 the case at position k of a
 * batch. The batch driver starts a case by calling ljfuzz_cov_mark(k). A
 * static binary has no dynamic symbol table, so ffi.C cannot find that
 * function: the constructor publishes its address in LJFUZZ_COV_MARK and
 * the driver casts it to a function pointer. Without the variable (or with
 * a file that is not ours) the counts go to a private map and nothing is
 * published.
 *
 * Line coverage (gcov's --coverage on the same files) is written at exit,
 * to GCOV_PREFIX with GCOV_PREFIX_STRIP, only when the harness sets
 * GCOV_PREFIX: otherwise every run would write (or fail to write, loudly)
 * its .gcda files at the build's own paths. libgcov dumps from a priority
 * 100 destructor, after ours; ours empties libgcov's list of objects
 * (__gcov_root, hidden but linkable in a static binary; its first member
 * is the list in every gcc since 5) so there is nothing to dump. With
 * GCOV_PREFIX set, a fatal signal dumps the counts first (__gcov_dump),
 * then kills the process by the same signal.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAP_BYTES 65536u
#define HEADER_BYTES 64u
static const char MAGIC[8] = {'L', 'J', 'F', 'Z', 'C', 'O', 'V', '1'};

/* The file's header; the harness writes magic, map size and slot count. */
struct header {
  char magic[8];
  uint32_t map_bytes;
  uint32_t slots;
  /* Written here: 1 once mapped, the slot in use, how many marks came. */
  uint32_t attached;
  uint32_t current;
  uint32_t marks;
};

static uint8_t private_map[MAP_BYTES];
static uint8_t *area = private_map;
static struct header *shared;
static uint8_t *slots_base;
static uintptr_t previous;

void __sanitizer_cov_trace_pc(void) {
  uintptr_t pc = (uintptr_t)__builtin_return_address(0);
  uint32_t block = (uint32_t)((pc >> 2) * 2654435761u) >> 16;
  uint8_t *count = &area[(block ^ previous) & (MAP_BYTES - 1)];
  if (*count != 255) (*count)++;
  previous = block >> 1;
}

/* The batch driver: the case at `position` starts now (-1: outside any case). */
void ljfuzz_cov_mark(int position) {
  if (!shared) return;
  uint32_t slot = position >= 0 && (uint32_t)position + 1 < shared->slots ? (uint32_t)position + 1 : 0;
  area = slots_base + (size_t)slot * MAP_BYTES;
  previous = 0;
  shared->current = slot;
  shared->marks++;
}

extern void __gcov_dump(void);
extern struct {
  void *list;
} __gcov_root;
static int line_coverage;

static void on_fatal(int sig) {
  __gcov_dump();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void attach(void) {
  const char *path = getenv("LJFUZZ_COV_SHM");
  if (!path || !*path) return;
  int fd = open(path, O_RDWR);
  if (fd < 0) return;
  struct stat st;
  struct header h;
  if (fstat(fd, &st) != 0 || pread(fd, &h, sizeof h, 0) != (ssize_t)sizeof h || memcmp(h.magic, MAGIC, 8) != 0 ||
      h.map_bytes != MAP_BYTES || h.slots == 0 || (uint64_t)st.st_size < HEADER_BYTES + (uint64_t)h.slots * MAP_BYTES) {
    close(fd);
    return;
  }
  void *mem = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (mem == MAP_FAILED) return;
  shared = (struct header *)mem;
  slots_base = (uint8_t *)mem + HEADER_BYTES;
  area = slots_base;
  shared->attached = 1;
  char address[32];
  snprintf(address, sizeof address, "%lu", (unsigned long)(uintptr_t)&ljfuzz_cov_mark);
  setenv("LJFUZZ_COV_MARK", address, 1);
}

__attribute__((destructor)) static void ljfuzz_cov_exit(void) {
  if (!line_coverage) __gcov_root.list = NULL;
}

__attribute__((constructor)) static void ljfuzz_cov_init(void) {
  const char *prefix = getenv("GCOV_PREFIX");
  line_coverage = prefix && *prefix;
  if (line_coverage) {
    static const int fatal[] = {SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGTRAP};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
      struct sigaction sa;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = on_fatal;
      sa.sa_flags = SA_RESETHAND | SA_NODEFER;
      sigaction(fatal[i], &sa, NULL);
    }
  }
  attach();
}
