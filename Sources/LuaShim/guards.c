// Guarded replacements for the library functions whose work a plugin can make unbounded without
// running any Lua code (so that neither the memory cap nor the watchdog's hook could stop them):
// setmetatable (no __gc finalizers: they run with hooks off), string.rep of empty strings,
// table.move over huge ranges, and backtracking patterns in string.find/match/gmatch/gsub.
#include <math.h>
#include <string.h>
#include "internal.h"

/// Raises "time limit exceeded" at the caller's line when the running call is past its
/// deadline. Long C loops call this every few thousand steps.
void cv_check_deadline(lua_State *L) {
  cv_state *s = cv_owner(L);
  int64_t started = atomic_load(&s->call_started_ns);
  int64_t limit = atomic_load(&s->time_limit_ns);
  if (started == 0 || limit <= 0 || cv_now_ns() - started < limit) return;
  atomic_store(&s->timed_out, 1);
  luaL_where(L, 1);
  lua_pushfstring(L, "time limit exceeded (the plugin ran longer than %f s)", (double)limit / 1e9);
  lua_concat(L, 2);
  lua_error(L);
}

/// setmetatable(t, mt) that refuses metatables with a __gc field: finalizers run during
/// garbage collection with hooks off (even at lua_close), so no time limit could stop them.
static int guarded_setmetatable(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  int t = lua_type(L, 2);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    int gc = lua_rawget(L, 2);
    lua_pop(L, 1);
    if (gc != LUA_TNIL)
      return luaL_error(L, "plugins cannot use __gc finalizers (they would run outside every time "
                           "limit); release resources explicitly instead");
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
    return luaL_error(L, "cannot change a protected metatable");
  cv_state *s = cv_owner(L);
  s->dirty = 1;
  if (t == LUA_TTABLE) {
    // Weak tables lose entries when the collector runs, which earlier calls' garbage decides:
    // hooks of such a plugin always start from a fresh generation (see purity.c).
    lua_pushliteral(L, "__mode");
    if (lua_rawget(L, 2) != LUA_TNIL) s->opaque = 1;
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

/// string.rep(s, n [, sep]): an empty result is returned at once (the library would loop n
/// times appending nothing); everything else goes to the original, which is bounded by the
/// memory cap.
static int guarded_rep(lua_State *L) {
  size_t l = 0, lsep = 0;
  luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n <= 0 || (l == 0 && lsep == 0) || (n == 1 && l == 0)) {
    if (n == 1) lua_pushvalue(L, 1); else lua_pushliteral(L, "");
    return 1;
  }
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/// table.move(a1, f, e, t [, a2]) written here with a deadline check every 4096 elements, so a
/// range of 1e15 nils stops at the time limit.
static int guarded_move(lua_State *L) {
  cv_owner(L)->dirty = 1;
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, tt, LUA_TTABLE);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer n = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    int forward = t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ));
    for (lua_Integer i = 0; i < n; i++) {
      if ((i & 4095) == 4095) cv_check_deadline(L);
      lua_Integer k = forward ? i : n - 1 - i;
      lua_geti(L, 1, f + k);
      lua_seti(L, tt, t + k);
    }
  }
  lua_pushvalue(L, tt);
  return 1;
}

/// The index just past the ']' of a character class that starts at i (just past its '[').
static size_t class_end(const char *p, size_t lp, size_t i) {
  // i is just past '['.
  if (i < lp && p[i] == '^') i++;
  do {
    if (i < lp && p[i] == '%') i++;
    i++;
  } while (i < lp && p[i] != ']');
  return i + 1;
}

/// A bound on the steps a Lua pattern can take on a subject of n bytes: each repetition item
/// (x*, x+, x-) may try every length at every position of the ones before it, x? doubles the
/// work, and an unanchored search tries every start.
static double pattern_cost(const char *p, size_t lp, double n) {
  double cost = 1, repeats = 0;
  int anchored = lp > 0 && p[0] == '^';
  size_t i = anchored ? 1 : 0;
  while (i < lp) {
    if (p[i] == '(' || p[i] == ')') {
      i++;
      continue;
    }
    if (p[i] == '%' && i + 1 < lp && p[i + 1] == 'b') {
      i += 4;
      continue;
    }
    if (p[i] == '%' && i + 1 < lp && p[i + 1] == 'f') {
      i += 2;
      if (i < lp && p[i] == '[') i = class_end(p, lp, i + 1);
      continue;
    }
    if (p[i] == '%') i += 2;
    else if (p[i] == '[') i = class_end(p, lp, i + 1);
    else i++;
    if (i >= lp) break;
    if (p[i] == '*' || p[i] == '+' || p[i] == '-') {
      repeats++;
      cost *= (n + 1) / repeats;  // the lengths of the repeats sum to at most n
      i++;
    } else if (p[i] == '?') {
      cost *= 2;
      i++;
    }
  }
  return anchored ? cost : cost * (n + 1);
}

/// Refuses a pattern whose worst case on this subject would run far past the time limit
/// inside one C call (where no hook can stop it).
static void check_pattern(lua_State *L, int subject, int pattern, int init) {
  size_t ls = 0, lp = 0;
  const char *s = lua_tolstring(L, subject, &ls);
  const char *p = lua_tolstring(L, pattern, &lp);
  if (s == NULL || p == NULL) return;  // the original reports the bad argument
  (void)s;
  double n = (double)ls;
  if (init != 0 && lua_type(L, init) == LUA_TNUMBER) {
    lua_Integer at = lua_tointeger(L, init);
    if (at > 0 && (size_t)at <= ls) n = (double)(ls - (size_t)at + 1);
  }
  cv_state *st = cv_owner(L);
  double seconds = (double)atomic_load(&st->time_limit_ns) / 1e9;
  if (seconds <= 0) seconds = 2;
  double budget = 2e8 * seconds;  // roughly the steps the C matcher takes in the time limit
  if (pattern_cost(p, lp, n) > budget) {
    luaL_where(L, 1);
    lua_pushfstring(L,
                    "pattern '%s' could backtrack for too long on a subject of %d bytes (more "
                    "than the time limit inside one library call); use a simpler pattern, "
                    "plain find (string.find(s, p, 1, true)) or a shorter subject",
                    lp > 60 ? "(long pattern)" : p, (int)(ls > 2147483647u ? 2147483647u : ls));
    lua_concat(L, 2);
    lua_error(L);
  }
}

/// string.find/match/gmatch/gsub with the pattern check first (upvalue 1: the original C
/// function, called directly in this frame; upvalue 2: the kind). A
/// plain find (4th argument true) cannot backtrack.
static int guarded_pattern(lua_State *L) {
  int plain = lua_toboolean(L, 4) && lua_tointeger(L, lua_upvalueindex(2)) == 1;
  if (!plain) check_pattern(L, 1, 2, lua_tointeger(L, lua_upvalueindex(2)) == 3 ? 0 : 3);
  // The original runs in this frame, so its errors name the plugin's line.
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/// Replaces library[name] by a C closure over the original (and, for patterns, a kind tag:
/// 1 find, 2 match/gmatch, 3 gsub).
static void wrap(lua_State *L, const char *library, const char *name, lua_CFunction guard, int kind) {
  lua_getglobal(L, library);
  lua_getfield(L, -1, name);
  int n = 1;
  if (kind != 0) {
    lua_pushinteger(L, kind);
    n = 2;
  }
  lua_pushcclosure(L, guard, n);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

/// A built-in that can change state a later call would see (rawset, table.insert, ...): marks
/// the state dirty, then runs the original in this frame (so its errors read as before).
/// marking_call0: upvalue 1 is the original; marking_call1: upvalue 1 is the original's own
/// upvalue (math.random's generator), upvalue 2 the original.
static int marking_call0(lua_State *L) {
  cv_owner(L)->dirty = 1;
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

static int marking_call1(lua_State *L) {
  cv_owner(L)->dirty = 1;
  return lua_tocfunction(L, lua_upvalueindex(2))(L);
}

/// Replaces library[name] (a global when library is NULL) by its marking version. A function
/// of an unexpected shape is left alone and the state counts as opaque (never pristine).
static void mark_changes(lua_State *L, const char *library, const char *name) {
  if (library != NULL) lua_getglobal(L, library); else lua_pushglobaltable(L);
  lua_getfield(L, -1, name);
  int f = lua_gettop(L), ups = 0;
  if (lua_iscfunction(L, f)) {
    while (ups < 2 && lua_getupvalue(L, f, ups + 1) != NULL) ups++;
  }
  if (!lua_iscfunction(L, f) || ups > 1) {
    cv_owner(L)->opaque = 1;
    lua_settop(L, f - 2);
    return;
  }
  lua_pushvalue(L, f);
  lua_pushcclosure(L, ups == 0 ? marking_call0 : marking_call1, ups + 1);
  lua_setfield(L, f - 1, name);
  lua_settop(L, f - 2);
}

void cv_install_guards(lua_State *L) {
  mark_changes(L, NULL, "rawset");
  mark_changes(L, LUA_TABLIBNAME, "insert");
  mark_changes(L, LUA_TABLIBNAME, "remove");
  mark_changes(L, LUA_TABLIBNAME, "sort");
  mark_changes(L, LUA_MATHLIBNAME, "random");
  mark_changes(L, LUA_MATHLIBNAME, "randomseed");
  lua_pushcfunction(L, guarded_setmetatable);
  lua_setglobal(L, "setmetatable");
  wrap(L, LUA_STRLIBNAME, "rep", guarded_rep, 0);
  wrap(L, LUA_STRLIBNAME, "find", guarded_pattern, 1);
  wrap(L, LUA_STRLIBNAME, "match", guarded_pattern, 2);
  wrap(L, LUA_STRLIBNAME, "gmatch", guarded_pattern, 2);
  wrap(L, LUA_STRLIBNAME, "gsub", guarded_pattern, 3);
  lua_getglobal(L, LUA_TABLIBNAME);
  lua_pushcfunction(L, guarded_move);
  lua_setfield(L, -2, "move");
  lua_pop(L, 1);
}
