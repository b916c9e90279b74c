/*
** ljfuzz: pins the PRNG of a LuaJIT that ljfuzz did not build (a dynamic
** `bin:` target), preloaded with LD_PRELOAD. LuaJIT seeds its PRNG with
** syscall(SYS_getrandom, ...) (or getrandom/getentropy elsewhere); with
** LJFUZZ_PRNG_SEED=N set, those answer with the bytes the seed patch of
** ljfuzz's own builds puts in the state (SplitMix64 from N), so a shimmed
** run is pinned exactly as a patched one. Unset: every call goes through.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/* Fills buf from the seed; 0 when no seed is set. */
static int seeded_fill(void *buf, size_t len)
{
  const char *seed = getenv("LJFUZZ_PRNG_SEED");
  unsigned char *p = buf;
  uint64_t x;
  if (!seed || !*seed) return 0;
  x = (uint64_t)strtoull(seed, NULL, 10);
  while (len > 0) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    size_t n = len < 8 ? len : 8;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    memcpy(p, &z, n);  /* Little-endian words, as LuaJIT reads its state. */
    p += n;
    len -= n;
  }
  return 1;
}

long syscall(long number, ...)
{
  static long (*next)(long, ...);
  long a[6];
  va_list ap;
  int i;
  va_start(ap, number);
  for (i = 0; i < 6; i++) a[i] = va_arg(ap, long);
  va_end(ap);
#ifdef SYS_getrandom
  if (number == SYS_getrandom && seeded_fill((void *)a[0], (size_t)a[1])) return a[1];
#endif
  if (!next) next = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
  return next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
  static ssize_t (*next)(void *, size_t, unsigned int);
  if (seeded_fill(buf, len)) return (ssize_t)len;
  if (!next) next = (ssize_t (*)(void *, size_t, unsigned int))dlsym(RTLD_NEXT, "getrandom");
  return next(buf, len, flags);
}

int getentropy(void *buf, size_t len)
{
  static int (*next)(void *, size_t);
  if (seeded_fill(buf, len)) return 0;
  if (!next) next = (int (*)(void *, size_t))dlsym(RTLD_NEXT, "getentropy");
  return next(buf, len);
}
