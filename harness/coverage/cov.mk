# ljfuzz `+cov` builds: read by make before LuaJIT's own Makefiles (through
# MAKEFILES, so the +fixes rebuilds get it too). The compiler's objects are
# instrumented for edge counts (the runtime's __sanitizer_cov_trace_pc) and
# line coverage (gcov); the rest of LuaJIT is built as in every other build.
# `private`: the flags do not pass on to the prerequisites' own recipes.
LJFUZZ_COV_OBJS = lj_asm.o lj_ir.o lj_mcode.o lj_snap.o lj_trace.o \
	lj_record.o lj_crecord.o lj_ffrecord.o \
	lj_opt_dce.o lj_opt_fold.o lj_opt_loop.o lj_opt_mem.o \
	lj_opt_narrow.o lj_opt_sink.o lj_opt_split.o
$(LJFUZZ_COV_OBJS): private TARGET_CFLAGS += -fsanitize-coverage=trace-pc --coverage
