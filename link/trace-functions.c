// Records which functions of an executable run, in the order they first run, for the linker's
// symbol ordering file (link/function_order.py; docs/performance.md, "Issue 17, session 13:
// start-up and resident code").
//
// Loaded with LD_PRELOAD into the traced program. Its constructor reads the function entry
// addresses listed in TRACE_FUNCTIONS (hex, relative to the executable's load address,
// ascending), writes a breakpoint (int3) over the first byte of each, and installs a SIGTRAP
// handler. The first time a function runs, the handler puts its byte back, notes it and lets it
// run on, so each function costs one trap for the whole run. At exit the noted addresses are
// appended to TRACE_OUTPUT, one per line in first-run order.
//
// A development tool: x86-64 Linux only, and never part of a build.
#define _GNU_SOURCE
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static uintptr_t *entries;
static unsigned char *saved;
static size_t count;
static uint32_t *runs;
static size_t run_count;

static size_t lower_bound(uintptr_t address) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (entries[mid] < address) lo = mid + 1; else hi = mid;
  }
  return lo;
}

static void on_trap(int signal_number, siginfo_t *info, void *context) {
  (void)info;
  ucontext_t *uc = context;
  uintptr_t at = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] - 1;
  size_t i = lower_bound(at);
  if (i < count && entries[i] == at) {
    *(volatile unsigned char *)at = saved[i];
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)at;
    size_t k = __atomic_fetch_add(&run_count, 1, __ATOMIC_RELAXED);
    if (k < 4 * count) runs[k] = (uint32_t)i;
    return;
  }
  // Not one of ours: behave as if the tracer were not there.
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

static int find_executable(struct dl_phdr_info *info, size_t size, void *base) {
  (void)size;
  if (info->dlpi_name[0] != '\0') return 0;
  *(uintptr_t *)base = info->dlpi_addr;
  return 1;
}

__attribute__((constructor)) static void start_tracing(void) {
  const char *list = getenv("TRACE_FUNCTIONS");
  if (list == NULL) return;
  uintptr_t base = 0;
  dl_iterate_phdr(find_executable, &base);
  FILE *file = fopen(list, "r");
  if (file == NULL) return;
  size_t capacity = 1 << 16;
  entries = malloc(capacity * sizeof *entries);
  unsigned long offset;
  while (fscanf(file, "%lx", &offset) == 1) {
    if (count == capacity) entries = realloc(entries, (capacity *= 2) * sizeof *entries);
    entries[count++] = base + offset;
  }
  fclose(file);
  if (count == 0) return;
  saved = malloc(count);
  // A function may run on several threads at once before its byte is back: each trap is noted.
  runs = malloc(4 * count * sizeof *runs);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_trap;
  action.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGTRAP, &action, NULL);
  uintptr_t first = entries[0] & ~(uintptr_t)4095, end = (entries[count - 1] + 4096) & ~(uintptr_t)4095;
  mprotect((void *)first, end - first, PROT_READ | PROT_WRITE | PROT_EXEC);
  for (size_t i = 0; i < count; i++) {
    saved[i] = *(unsigned char *)entries[i];
    *(unsigned char *)entries[i] = 0xCC;
  }
}

__attribute__((destructor)) static void write_runs(void) {
  const char *output = getenv("TRACE_OUTPUT");
  if (output == NULL || runs == NULL) return;
  FILE *file = fopen(output, "a");
  if (file == NULL) return;
  uintptr_t base = 0;
  dl_iterate_phdr(find_executable, &base);
  size_t n = __atomic_load_n(&run_count, __ATOMIC_RELAXED);
  if (n > 4 * count) n = 4 * count;
  for (size_t k = 0; k < n; k++) fprintf(file, "%lx\n", (unsigned long)(entries[runs[k]] - base));
  fclose(file);
}
