// State creation with a capped allocator, error and log buffers.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  cv_state *s = ud;
  if (ptr == NULL) osize = 0;  // osize is a type tag for new blocks
  if (nsize == 0) {
    free(ptr);
    s->used -= osize;
    return NULL;
  }
  if (nsize > osize && s->limit != 0 && s->used - osize + nsize > s->limit) return NULL;
  void *p = realloc(ptr, nsize);
  if (p == NULL) return NULL;
  s->used = s->used - osize + nsize;
  if (s->used > s->peak) s->peak = s->used;
  return p;
}

static int panic(lua_State *L) {
  // Unreachable by design: every call into Lua is protected. Say what happened before abort().
  const char *msg = lua_tostring(L, -1);
  fprintf(stderr, "cultivar: internal error: unprotected Lua error: %s\n", msg ? msg : "?");
  fflush(stderr);
  return 0;
}

cv_state *cv_owner(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return ud;
}

cv_state *cv_open(size_t memory_limit, int64_t time_limit_ns) {
  cv_state *s = calloc(1, sizeof *s);
  if (s == NULL) return NULL;
  s->limit = memory_limit;
  s->chunk_ref = LUA_NOREF;
  s->env_ref = LUA_NOREF;
  atomic_store(&s->time_limit_ns, time_limit_ns);
  pthread_mutex_init(&s->hook_lock, NULL);
  s->L = lua_newstate(capped_alloc, s);
  if (s->L == NULL) {
    free(s);
    return NULL;
  }
  lua_atpanic(s->L, panic);
  lua_pushcfunction(s->L, cv_open_sandbox);
  cv_begin_call(s);
  int status = cv_end_call(s, lua_pcall(s->L, 0, 0, 0));
  if (status != LUA_OK) {
    cv_close(s);
    return NULL;
  }
  return s;
}

void cv_close(cv_state *s) {
  if (s == NULL) return;
  lua_close(s->L);
  pthread_mutex_destroy(&s->hook_lock);
  free(s->error);
  free(s->traceback);
  free(s->log);
  free(s);
}

lua_State *cv_lua(cv_state *s) { return s->L; }
size_t cv_memory_used(cv_state *s) { return s->used; }
size_t cv_memory_peak(cv_state *s) { return s->peak; }
size_t cv_memory_limit(cv_state *s) { return s->limit; }

void cv_set_limits(cv_state *s, size_t memory_limit, int64_t time_limit_ns) {
  s->limit = memory_limit;
  atomic_store(&s->time_limit_ns, time_limit_ns);
}

static char *copy_text(const char *text, size_t len) {
  char *out = malloc(len + 1);
  if (out == NULL) return NULL;
  memcpy(out, text, len);
  out[len] = '\0';
  return out;
}

void cv_set_error(cv_state *s, const char *msg) {
  free(s->error);
  free(s->traceback);
  s->error = copy_text(msg, strlen(msg));
  s->traceback = NULL;
}

void cv_take_error(cv_state *s, int status) {
  // After a memory error, give the garbage back at once so the next call starts clean.
  if (status == LUA_ERRMEM) lua_gc(s->L, LUA_GCCOLLECT, 0);
  size_t len = 0;
  const char *text = NULL;
  if (lua_type(s->L, -1) == LUA_TSTRING) text = lua_tolstring(s->L, -1, &len);
  if (text == NULL) {
    text = status == LUA_ERRMEM ? "not enough memory" : "(error object is not a string)";
    len = strlen(text);
  }
  // The message handler appends "\nstack traceback:\n..." – keep the two parts apart.
  const char *marker = strstr(text, "\nstack traceback:");
  size_t head = marker ? (size_t)(marker - text) : len;
  free(s->error);
  free(s->traceback);
  s->error = copy_text(text, head);
  s->traceback = marker ? copy_text(marker + 1, len - head - 1) : NULL;
  lua_settop(s->L, -2);
}

const char *cv_error(cv_state *s) { return s->error ? s->error : ""; }
const char *cv_traceback(cv_state *s) { return s->traceback ? s->traceback : ""; }

void cv_append_log(cv_state *s, const char *text, size_t len) {
  // Keep at most 1 MiB of log text per call: the rest is cut, and counted so that the host
  // can say how much was left out (cv_log_dropped).
  const size_t cap = 1 << 20;
  if (s->log_len + 1 >= cap) {
    s->log_dropped++;
    return;
  }
  if (s->log_len + len + 1 > cap) {
    len = cap - s->log_len - 1;
    s->log_dropped++;
  }
  if (s->log_len + len + 1 > s->log_cap) {
    size_t want = s->log_cap ? s->log_cap * 2 : 1024;
    while (want < s->log_len + len + 1) want *= 2;
    char *grown = realloc(s->log, want);
    if (grown == NULL) {
      s->log_dropped++;
      return;
    }
    s->log = grown;
    s->log_cap = want;
  }
  memcpy(s->log + s->log_len, text, len);
  s->log_len += len;
  s->log[s->log_len++] = '\n';
}

size_t cv_log_dropped(cv_state *s) { return s->log_dropped; }

const char *cv_log(cv_state *s, size_t *len) {
  *len = s->log_len;
  return s->log ? s->log : "";
}

void cv_clear_log(cv_state *s) {
  s->log_len = 0;
  s->log_dropped = 0;
}
