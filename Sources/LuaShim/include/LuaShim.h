// The C half of Cultivar's Lua bridge.
//
// Everything that can raise a Lua error (allocation, metamethods, lua_error) happens here, inside
// lua_pcall, so that no longjmp ever crosses a Swift frame. Swift only calls the functions below
// and the non-raising accessors of the Lua API (lua_type, lua_tonumberx, lua_next, lua_rawgeti).
#ifndef LUASHIM_H
#define LUASHIM_H

#include <stddef.h>
#include <stdint.h>

struct lua_State;

/// One sandboxed Lua state with its memory cap, time limit, log buffer and last error.
typedef struct cv_state cv_state;

/// The kinds of argument-building operations understood by cv_call (a tiny stack machine).
enum cv_op_kind {
  CV_OP_NIL = 0,    // push nil
  CV_OP_BOOL = 1,   // push boolean a
  CV_OP_NUMBER = 2, // push number num
  CV_OP_STRING = 3, // push strings[off ..< off+len]
  CV_OP_TABLE = 4,  // push a new table sized for a array slots and b hash slots
  CV_OP_SET = 5,    // t[k] = v with v on top, k below it, t below k (raw); pops k and v
  CV_OP_REF = 6,    // push the registry value a
  CV_OP_FILL = 7,   // for i < len: registry[a][registry[b][i+1]] = numbers[off+i] (NaN → nil); stack unchanged
  CV_OP_LAZY = 8,   // like FILL, but only when the table on top's field strings[name_off ..< +name_len]
                    // is first read during this call (it is removed now and restored on access)
  CV_OP_META = 9,   // setmetatable(table on top, registry[a]) (a field guard, see cv_make_guard)
  CV_OP_LAZY_TEXT = 10 // field strings[name_off ..< +name_len] of the table on top is
                       // strings[off ..< off+len], made only when first read during this call
};

/// One argument-building operation (see cv_op_kind).
typedef struct cv_op {
  int32_t kind;
  int32_t a;
  int32_t b;
  double num;
  size_t off;
  size_t len;
  size_t name_off;
  size_t name_len;
} cv_op;

/// What cv_read_fields found at one key of a result table.
enum cv_field_kind {
  CV_FIELD_ABSENT = 0, // nil (the key is not there)
  CV_FIELD_NUMBER = 1, // a number, written to out[i]
  CV_FIELD_FALSE = 2,  // false ("no value")
  CV_FIELD_OTHER = 3   // anything else (true, a string, a table, ...)
};

/// The status codes of Lua, re-exported as plain constants.
static const int CV_OK = 0;
static const int CV_ERRRUN = 2;
static const int CV_ERRSYNTAX = 3;
static const int CV_ERRMEM = 4;
static const int CV_ERRERR = 5;
/// Returned by cv_call when the called field is not a function.
static const int CV_ERRNOTFUNCTION = 100;
/// Returned by cv_state functions when the call was stopped by the time limit.
static const int CV_ERRTIMEOUT = 101;

/// Creates a sandboxed state: base (without dofile, loadfile, binary load, collectgarbage except
/// "count"), string, table, math (deterministic random), utf8. Returns NULL if even that fails.
cv_state *cv_open(size_t memory_limit, int64_t time_limit_ns);
/// Closes the state and frees everything it holds.
void cv_close(cv_state *s);
/// The underlying lua_State (for non-raising accessors only).
struct lua_State *cv_lua(cv_state *s);

/// Loads a text chunk and runs it. With strict_env, the chunk gets a fresh environment that
/// reads built-ins from the globals; reading or assigning any other undeclared name is an error.
/// On success the chunk's first result is stored in the registry and its reference written to
/// *ref. Returns a CV_* status; the error text is then in cv_error(s).
int cv_load(cv_state *s, const char *source, size_t len, const char *chunkname, int strict_env,
            int *ref);
/// Runs the last chunk loaded with strict_env again in a fresh generation (its own
/// environment and copies of the library tables; see cv_load), so that nothing the previous
/// generation's code changed is visible. On success writes the new first result's reference.
int cv_regenerate(cv_state *s, int *ref);
/// Whether the current generation is as it was when it loaded, as far as any later call could
/// tell: the plugin's functions provably keep no state between calls (no upvalue or global is
/// assigned, no table that outlives a call is written; see purity.c) and no built-in that
/// changes state (rawset, setmetatable, table.insert/remove/sort/move, load, math.random) has
/// run since. A new generation is then not needed to start a new group.
int cv_pristine(cv_state *s);
/// Compiles a text chunk without running it (a syntax check). Returns CV_OK or CV_ERRSYNTAX
/// (or CV_ERRMEM); the error text is then in cv_error(s).
int cv_compile(cv_state *s, const char *source, size_t len, const char *chunkname);
/// Makes the global table strict: assigning an undeclared global raises an error.
void cv_seal_globals(cv_state *s);

/// Calls registry[ref][field](args...) with the arguments built by ops (strings are slices of
/// `strings`). On success leaves nresults values on the stack; the caller pops them. On failure
/// the stack is as before and the message, with traceback, is in cv_error(s).
int cv_call(cv_state *s, int ref, const char *field, const cv_op *ops, size_t nops,
            const char *strings, const double *numbers, int nargs, int nresults);
/// The lazily declared fields (CV_OP_LAZY, CV_OP_LAZY_TEXT; at most 8 per call) the last
/// cv_call read: bit k for the k-th declared.
unsigned cv_lazy_fields_read(cv_state *s);
/// Builds one value with ops (inside a protected call) and stores it in the registry.
int cv_make_ref(cv_state *s, const cv_op *ops, size_t nops, const char *strings, int *ref);
/// Reads t[keys[i]] for i < n, where t is the value at stack index `index` and keys is the
/// sequence registry[keys_ref]: kinds[i] is a cv_field_kind (a number is written to out[i]).
/// Returns how many of t's entries have other keys, or -1 if t is nil and
/// -2 if it is neither nil nor a table. Never raises (raw access only). names (n pointers, all
/// NULL before the first read), lengths and order (n each) are the caller's cache for this key
/// list: the keys' bytes and lengths, and at which position each entry's key was last found.
int cv_read_fields(cv_state *s, int index, int keys_ref, int n, double *out, uint8_t *kinds, const char **names,
                   size_t *lengths, int *order);
/// Makes a field guard: a metatable for the tables handed to hooks whose __index returns nil
/// for a documented field that is absent (fields[k] == true), fills lazily declared fields, and
/// raises "file:line: NAME has no field 'k' — did you mean 'x'?" for any other string key,
/// guessing among the documented names, or naming fields[k] when it is a string (where that
/// name lives instead). `fields` is the table registry[fields_ref]; `listing` ends the message
/// when there is no guess. Stores the metatable in the registry and writes its reference.
int cv_make_guard(cv_state *s, int fields_ref, const char *name, const char *listing, int *ref);
/// Releases a registry reference.
int cv_unref(cv_state *s, int ref);
/// Pushes registry[ref] (no allocation beyond the stack slot checked by cv_reserve).
void cv_push_ref(cv_state *s, int ref);
/// Ensures n free stack slots without raising; returns 0 when memory is exhausted.
int cv_reserve(cv_state *s, int n);

/// The last error message (with traceback when there was one), or "".
const char *cv_error(cv_state *s);
/// The traceback part of the last error, or "".
const char *cv_traceback(cv_state *s);
/// Text written by cultivar.log and print since the last cv_clear_log, one message per line.
const char *cv_log(cv_state *s, size_t *len);
void cv_clear_log(cv_state *s);
/// How many log messages since the last cv_clear_log were cut or left out (over 1 MiB).
size_t cv_log_dropped(cv_state *s);

/// Bytes held by the state now, at most so far, and its cap.
size_t cv_memory_used(cv_state *s);
size_t cv_memory_peak(cv_state *s);
size_t cv_memory_limit(cv_state *s);
/// Changes the memory cap (0 = unlimited) and the time limit per call.
void cv_set_limits(cv_state *s, size_t memory_limit, int64_t time_limit_ns);

/// Called by the watchdog thread: if a call has run past its deadline, arms the stop hook.
/// Returns 1 when it armed the hook.
int cv_watchdog_check(cv_state *s, int64_t now_ns);
/// Monotonic clock in nanoseconds (the clock used for deadlines).
int64_t cv_now_ns(void);

#endif
