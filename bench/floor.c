/* The practical floor for `make bench`: read the response file and parse every number and team
 * name, nothing else. Per column: the sum and count of its numbers; each team name is looked up
 * in an open-addressing hash table keyed by its bytes. No statistics, no output beyond a
 * checksum line, so Cultivar can be measured against the cost of the input itself.
 *
 * The file is mapped and split at line ends into one slice per thread (the benchmark data has
 * no quoted fields); each thread keeps its own sums and table, merged at the end.
 * Usage: floor FILE [THREADS] */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_COLUMNS 256
#define TABLE_SIZE (1u << 20)

typedef struct {
  const char *name;
  uint32_t length;
  uint64_t count;
} Team;

typedef struct {
  const char *begin, *end;
  int64_t sums[MAX_COLUMNS];
  int64_t counts[MAX_COLUMNS];
  Team *teams;
  uint64_t rows;
} Slice;

static uint64_t hash(const char *s, uint32_t n) {
  uint64_t h = 1469598103934665603ull;
  for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static void count_team(Team *table, const char *name, uint32_t length) {
  uint64_t slot = hash(name, length) & (TABLE_SIZE - 1);
  for (;;) {
    Team *t = &table[slot];
    if (t->name == NULL) {
      t->name = name;
      t->length = length;
      t->count = 1;
      return;
    }
    if (t->length == length && memcmp(t->name, name, length) == 0) {
      t->count++;
      return;
    }
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
}

/* Column 0 is the respondent id (skipped), column 1 the team, the rest small integers. */
static void *parse(void *argument) {
  Slice *s = argument;
  const char *p = s->begin;
  while (p < s->end) {
    const char *q = memchr(p, ',', (size_t)(s->end - p));
    if (!q) break;
    p = q + 1;
    q = memchr(p, ',', (size_t)(s->end - p));
    if (!q) break;
    count_team(s->teams, p, (uint32_t)(q - p));
    p = q + 1;
    int column = 2;
    for (;;) {
      int64_t value = 0;
      int digits = 0;
      while (p < s->end && *p >= '0' && *p <= '9') {
        value = value * 10 + (*p - '0');
        p++;
        digits++;
      }
      if (digits && column < MAX_COLUMNS) {
        s->sums[column] += value;
        s->counts[column]++;
      }
      if (p >= s->end || *p == '\n') break;
      p++; /* the comma */
      column++;
    }
    p++;
    s->rows++;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: floor FILE [THREADS]\n");
    return 64;
  }
  int threads = argc > 2 ? atoi(argv[2]) : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (threads < 1) threads = 1;
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(argv[1]);
    return 66;
  }
  const char *data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    perror("mmap");
    return 74;
  }
  const char *end = data + st.st_size;
  const char *body = memchr(data, '\n', (size_t)st.st_size);
  body = body ? body + 1 : end;
  Slice *slices = calloc((size_t)threads, sizeof(Slice));
  pthread_t *ids = calloc((size_t)threads, sizeof(pthread_t));
  const char *start = body;
  for (int t = 0; t < threads; t++) {
    const char *stop = t == threads - 1 ? end : body + (end - body) * (t + 1) / threads;
    if (stop < end && stop > start) {
      const char *nl = memchr(stop, '\n', (size_t)(end - stop));
      stop = nl ? nl + 1 : end;
    }
    if (stop < start) stop = start;
    slices[t].begin = start;
    slices[t].end = stop;
    slices[t].teams = calloc(TABLE_SIZE, sizeof(Team));
    start = stop;
    pthread_create(&ids[t], NULL, parse, &slices[t]);
  }
  int64_t sums[MAX_COLUMNS] = {0}, counts[MAX_COLUMNS] = {0};
  uint64_t rows = 0, teams = 0;
  Team *merged = calloc(TABLE_SIZE, sizeof(Team));
  for (int t = 0; t < threads; t++) {
    pthread_join(ids[t], NULL);
    rows += slices[t].rows;
    for (int c = 0; c < MAX_COLUMNS; c++) {
      sums[c] += slices[t].sums[c];
      counts[c] += slices[t].counts[c];
    }
    for (uint32_t i = 0; i < TABLE_SIZE; i++) {
      Team *x = &slices[t].teams[i];
      if (x->name) count_team(merged, x->name, x->length);
    }
  }
  for (uint32_t i = 0; i < TABLE_SIZE; i++) teams += merged[i].name != NULL;
  int64_t total = 0, answered = 0;
  for (int c = 0; c < MAX_COLUMNS; c++) {
    total += sums[c];
    answered += counts[c];
  }
  printf("rows %llu, teams %llu, answers %lld, sum %lld\n", (unsigned long long)rows, (unsigned long long)teams, (long long)answered,
         (long long)total);
  return 0;
}
