// Runs a command and writes its wall time, peak resident set and CPU time to a file:
//   launch OUT command [args...]
// OUT gets "wall_seconds peak_kib user_seconds system_seconds". The command's exit status
// becomes launch's (128 + signal when it was killed).
//
// Why not wait4 from the benchmark's Python: a child's ru_maxrss keeps the resident size of the
// process it was forked from (Linux records the old address space's peak at exec), so every
// command forked by a Python that had read a large report showed Python's size, not its own.
// This launcher is small, so what it passes on is a megabyte or two.
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: launch OUT command [args...]\n");
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = fork();
  if (pid < 0) {
    perror("launch: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("launch: exec");
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) {
    perror("launch: wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  FILE *out = fopen(argv[1], "w");
  if (out == NULL) {
    perror("launch: OUT");
    return 2;
  }
  double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  fprintf(out, "%.9f %ld %.6f %.6f\n", wall, usage.ru_maxrss, seconds(usage.ru_utime), seconds(usage.ru_stime));
  fclose(out);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
