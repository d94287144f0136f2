// The time limit: no hook while scripts run; at the deadline the watchdog thread arms a
// "sticky" count hook that raises an error at every instruction until the host call returns,
// so even a script that wraps its endless loop in pcall is stopped.
#include <stdio.h>
#include <time.h>
#include "internal.h"

int64_t cv_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int past_deadline(cv_state *s, int64_t now) {
  int64_t started = atomic_load(&s->call_started_ns);
  int64_t limit = atomic_load(&s->time_limit_ns);
  return started != 0 && limit > 0 && now - started >= limit;
}

static void stop_hook(lua_State *L, lua_Debug *ar) {
  cv_state *s = cv_owner(L);
  if (!past_deadline(s, cv_now_ns())) {
    // Armed for a call that has ended since: a false alarm for this call.
    pthread_mutex_lock(&s->hook_lock);
    lua_sethook(L, NULL, 0, 0);
    atomic_store(&s->hook_armed, 0);
    pthread_mutex_unlock(&s->hook_lock);
    return;
  }
  atomic_store(&s->timed_out, 1);
  // Name the innermost Lua line (the hook may fire on a call into a C function such as pcall).
  char where[LUA_IDSIZE + 32] = "";
  lua_Debug frame;
  for (int level = 0; lua_getstack(L, level, &frame); level++) {
    if (lua_getinfo(L, "Sl", &frame) && frame.currentline > 0) {
      snprintf(where, sizeof where, "%s:%d: ", frame.short_src, frame.currentline);
      break;
    }
  }
  (void)ar;
  double seconds = (double)atomic_load(&s->time_limit_ns) / 1e9;
  lua_pushfstring(L, "%stime limit exceeded (the plugin ran longer than %f s)", where, seconds);
  lua_error(L);
}

int cv_watchdog_check(cv_state *s, int64_t now_ns) {
  int armed = 0;
  pthread_mutex_lock(&s->hook_lock);
  if (!atomic_load(&s->hook_armed) && past_deadline(s, now_ns)) {
    atomic_store(&s->hook_armed, 1);
    lua_sethook(s->L, stop_hook, LUA_MASKCOUNT | LUA_MASKCALL | LUA_MASKRET, 1);
    armed = 1;
  }
  pthread_mutex_unlock(&s->hook_lock);
  return armed;
}

void cv_begin_call(cv_state *s) {
  atomic_store(&s->timed_out, 0);
  atomic_store(&s->call_started_ns, cv_now_ns());
}

int cv_end_call(cv_state *s, int status) {
  atomic_store(&s->call_started_ns, 0);
  if (atomic_load(&s->hook_armed)) {
    pthread_mutex_lock(&s->hook_lock);
    lua_sethook(s->L, NULL, 0, 0);
    atomic_store(&s->hook_armed, 0);
    pthread_mutex_unlock(&s->hook_lock);
  }
  return status;
}
