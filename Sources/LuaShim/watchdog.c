// The time limit: no hook while scripts run; at the deadline the watchdog thread arms a
// "sticky" count hook that raises an error at every instruction until the host call returns,
// so even a script that wraps its endless loop in pcall is stopped.
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
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

void cv_plugin_where(lua_State *L, int from_level, char *buf, size_t size) {
  buf[0] = '\0';
  lua_Debug frame;
  for (int level = from_level; lua_getstack(L, level, &frame); level++) {
    if (!lua_getinfo(L, "Sl", &frame) || frame.currentline <= 0) continue;
    if (frame.source[0] != '@' || strncmp(frame.source, "@cultivar/", 10) == 0) continue;
    snprintf(buf, size, "%s:%d: ", frame.short_src, frame.currentline);
    return;
  }
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
  // Name the innermost plugin line (the hook may fire in a C function or in host code).
  char where[LUA_IDSIZE + 32] = "";
  cv_plugin_where(L, 0, where, sizeof where);
  (void)ar;
  double seconds = (double)atomic_load(&s->time_limit_ns) / 1e9;
  lua_pushfstring(L, "%stime limit exceeded (the plugin ran longer than %f s)", where, seconds);
  lua_error(L);
}

/// The hard backstop: the stop hook was armed long ago and the same call still runs, so the
/// plugin is inside one C call that no hook can interrupt (the guards should make this
/// unreachable). The state cannot be unwound safely from this thread, so cultivar stops with a
/// message naming the plugin, and exit status 70 (a plugin failure).
static void backstop(cv_state *s, int64_t now_ns) {
  int64_t armed = atomic_load(&s->armed_at_ns);
  int64_t limit = atomic_load(&s->time_limit_ns);
  int64_t grace = limit > 5000000000LL ? limit : 5000000000LL;
  if (armed == 0 || now_ns - armed < grace) return;
  char message[512];
  int len = snprintf(message, sizeof message,
                     "cultivar: error: plugin %s did not stop %.0f s after its time limit of %g s: it "
                     "is stuck inside one library call that cannot be interrupted; stopping\n",
                     s->plugin_name[0] ? s->plugin_name : "(unknown file)", (double)grace / 1e9,
                     (double)limit / 1e9);
  if (len > 0) {
    ssize_t ignored = write(2, message, (size_t)len < sizeof message ? (size_t)len : sizeof message - 1);
    (void)ignored;
  }
  _exit(70);
}

int cv_watchdog_check(cv_state *s, int64_t now_ns) {
  int armed = 0;
  pthread_mutex_lock(&s->hook_lock);
  if (atomic_load(&s->hook_armed) && past_deadline(s, now_ns)) {
    backstop(s, now_ns);
  } else if (!atomic_load(&s->hook_armed) && past_deadline(s, now_ns)) {
    atomic_store(&s->hook_armed, 1);
    atomic_store(&s->armed_at_ns, now_ns);
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
  atomic_store(&s->armed_at_ns, 0);
  if (atomic_load(&s->hook_armed)) {
    pthread_mutex_lock(&s->hook_lock);
    lua_sethook(s->L, NULL, 0, 0);
    atomic_store(&s->hook_armed, 0);
    pthread_mutex_unlock(&s->hook_lock);
  }
  return status;
}

int cv_failure_status(cv_state *s, int status) {
  int timed_out = atomic_exchange(&s->timed_out, 0);
  return timed_out && status != LUA_ERRMEM ? CV_ERRTIMEOUT : status;
}
