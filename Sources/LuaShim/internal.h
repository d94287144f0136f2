// Private definitions shared by the LuaShim sources.
#ifndef LUASHIM_INTERNAL_H
#define LUASHIM_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <lua5.4/lua.h>
#include <lua5.4/lualib.h>
#include <lua5.4/lauxlib.h>
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
    const void *owner;
    const char *name;
    size_t name_len;
    int table_ref, keys_ref;
    const double *numbers;
    size_t len;
    // A text field (CV_OP_LAZY_TEXT): its len bytes; otherwise a table to fill.
    int is_text;
    const char *text;
  } lazy[8];
  int lazy_count;
  // Which of them (bit k: the k-th declared) the current or last call read.
  unsigned lazy_read;
  // When the stop hook was armed (0 = not armed), for the hard backstop.
  _Atomic int64_t armed_at_ns;
  // The plugin file (chunk name without '@') of the last strict load, for messages.
  char plugin_name[256];
  // The compiled plugin chunk and the environment of its current generation (registry refs),
  // the memory after the generation loaded (what collectgarbage('count') shows to hooks), and
  // whether a hook call is running.
  int chunk_ref, env_ref;
  double load_kb;
  int in_call;
  // Whether the plugin's hooks can keep state from one call to the next (see purity.c):
  // `pure` when its code cannot by itself, `dirty` when a state-changing built-in ran since
  // the current generation loaded, `opaque` (for good) when the check cannot vouch for it.
  int pure, dirty, opaque;
  // Messages from cultivar.log / print.
  char *log;
  size_t log_len, log_cap, log_dropped;
};

/// The cv_state that owns L (the allocator's user data).
cv_state *cv_owner(lua_State *L);
/// Opens the whitelisted libraries and hardens them; run inside lua_pcall.
int cv_open_sandbox(lua_State *L);
/// __index of strict plugin environments (upvalue 1: the generation's globals, upvalue 2: the
/// host's globals): returns a built-in (and caches it in the environment), or raises
/// "unknown name 'x' (did you mean 'y'?)".
int cv_strict_read(lua_State *L);
/// Pushes the built-in `key` (at index key) as the generation (upvalue 1 / 2 as above) sees it:
/// library tables are copied into the generation on first use, so nothing a plugin can write
/// to outlives its generation. Pushes nil for unknown names.
void cv_generation_lookup(lua_State *L, int key);
/// With a table at 1 and a key at 2: if the key is a field of that table declared lazy for the
/// running call, fills it, pushes it and returns 1; otherwise returns 0.
int cv_lazy_lookup(lua_State *L);
/// Writes numbers[op->off ..< op->off + op->len] into the table registry[op->a] under the keys
/// of the sequence registry[op->b] (NaN writes nil); the stack is left as it was. See fill.c.
void cv_fill(lua_State *L, const cv_op *op, const double *numbers);
/// The closest name to a misspelt one (case-insensitive edit distance within a limit that
/// grows with the name's length, as for strict globals).
struct cv_guess {
  const char *word;
  char best[64];
  size_t distance, limit;
  /// Ties go to the first candidate seen, or with by_name to the first in byte order (for
  /// candidates seen in table order, which varies).
  int by_name;
};
void cv_guess_init(struct cv_guess *g, const char *word);
void cv_guess_consider(struct cv_guess *g, const char *candidate);
/// Message handler: turns the error object into text and appends a traceback.
int cv_message_handler(lua_State *L);
/// Records the error at the top of the stack (string) in s->error / s->traceback and pops it.
void cv_take_error(cv_state *s, int status);
/// Sets s->error to a copy of msg and clears the traceback.
void cv_set_error(cv_state *s, const char *msg);
/// Start and end of a guarded call: arm the deadline, and disarm the stop hook afterwards.
void cv_begin_call(cv_state *s);
int cv_end_call(cv_state *s, int status);
/// The status a failed call reports: CV_ERRTIMEOUT when the watchdog stopped it, except that a
/// memory error stays a memory error (the limit hit first is the one that ended the call; the
/// watchdog may fire while the allocator is already failing). Clears the watchdog's flag.
int cv_failure_status(cv_state *s, int status);
/// Replaces setmetatable, string.rep, table.move and the pattern functions by guarded versions.
void cv_install_guards(lua_State *L);
/// Raises "time limit exceeded" at the caller's line when the running call is past its deadline.
void cv_check_deadline(lua_State *L);
/// Writes "file:line: " of the innermost frame running plugin code (a file chunk outside the
/// host's own cultivar/ chunks) into buf, or "" when there is none.
void cv_plugin_where(lua_State *L, int from_level, char *buf, size_t size);
/// Whether the function on top of the stack (a plugin's main chunk) and every function in it
/// but the main chunk itself provably keep no state between calls (see purity.c). Leaves the
/// stack as it was.
int cv_chunk_keeps_no_state(lua_State *L);
/// Appends a log line.
void cv_append_log(cv_state *s, const char *text, size_t len);

#endif
