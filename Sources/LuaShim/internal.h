// Private definitions shared by the LuaShim sources.
#ifndef LUASHIM_INTERNAL_H
#define LUASHIM_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#include "LuaShim.h"

struct cv_state {
  lua_State *L;
  // Memory accounting for the capped allocator (only touched on the Lua thread).
  size_t used, peak, limit;
  // Time limit: start of the running call (0 when idle), its limit, and the hook state.
  _Atomic int64_t call_started_ns;
  _Atomic int64_t time_limit_ns;
  _Atomic int hook_armed;
  _Atomic int timed_out;
  pthread_mutex_t hook_lock;
  // The last error and its traceback, owned (malloc).
  char *error;
  char *traceback;
  // Fields of the argument filled on first access during the current call (CV_OP_LAZY).
  struct cv_lazy {
    const char *name;
    size_t name_len;
    int table_ref, keys_ref;
    const double *numbers;
    size_t len;
  } lazy[8];
  int lazy_count;
  // Messages from cultivar.log / print.
  char *log;
  size_t log_len, log_cap, log_dropped;
};

/// The cv_state that owns L (the allocator's user data).
cv_state *cv_owner(lua_State *L);
/// Opens the whitelisted libraries and hardens them; run inside lua_pcall.
int cv_open_sandbox(lua_State *L);
/// __index of strict plugin environments (upvalue 1: the globals table): returns a built-in
/// (and caches it in the environment), or raises "unknown name 'x' (did you mean 'y'?)".
int cv_strict_read(lua_State *L);
/// Message handler: turns the error object into text and appends a traceback.
int cv_message_handler(lua_State *L);
/// Records the error at the top of the stack (string) in s->error / s->traceback and pops it.
void cv_take_error(cv_state *s, int status);
/// Sets s->error to a copy of msg and clears the traceback.
void cv_set_error(cv_state *s, const char *msg);
/// Start and end of a guarded call: arm the deadline, and disarm the stop hook afterwards.
void cv_begin_call(cv_state *s);
int cv_end_call(cv_state *s, int status);
/// Appends a log line.
void cv_append_log(cv_state *s, const char *text, size_t len);

#endif
