// Strict names for plugin environments: reading a name that is neither a local, a parameter
// nor a built-in is an error, with a guess at what was meant ("did you mean 'agreement'?").
#include <ctype.h>
#include <string.h>
#include "internal.h"

/// Edit distance of two short names, ignoring case (large when either is too long).
static size_t name_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 63 || m > 63) return (size_t)-1;
  size_t prev[64], cur[64];
  for (size_t j = 0; j <= m; j++) prev[j] = j;
  for (size_t i = 1; i <= n; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
      size_t best = prev[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      if (prev[j - 1] + cost < best) best = prev[j - 1] + cost;
      cur[j] = best;
    }
    memcpy(prev, cur, (m + 1) * sizeof(size_t));
  }
  return prev[m];
}

/// The closest candidate so far to a misspelt name (same threshold as the host's Suggestion).
void cv_guess_init(struct cv_guess *g, const char *word) {
  size_t len = strlen(word);
  // Short names only get a guess one edit away ("io" is not a typo of "os").
  g->word = word;
  g->best[0] = '\0';
  g->distance = (size_t)-1;
  g->limit = len <= 3 ? 1 : (len / 3 > 2 ? len / 3 : 2);
  g->by_name = 0;
}

void cv_guess_consider(struct cv_guess *g, const char *candidate) {
  if (candidate == NULL || candidate[0] == '(' || candidate[0] == '_') return;
  size_t d = name_distance(g->word, candidate);
  if (d <= g->limit && (d < g->distance || (g->by_name && d == g->distance && strcmp(candidate, g->best) < 0))) {
    g->distance = d;
    strncpy(g->best, candidate, sizeof g->best - 1);
    g->best[sizeof g->best - 1] = '\0';
  }
}

/// Looks for what a misspelt name meant: the locals and upvalues of the function that used it,
/// then the globals (upvalue 1 of the running C closure).
static void guess_name(lua_State *L, struct cv_guess *g) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar)) {
    const char *name;
    for (int i = 1; (name = lua_getlocal(L, &ar, i)) != NULL; i++) {
      cv_guess_consider(g, name);
      lua_pop(L, 1);
    }
    if (lua_getinfo(L, "f", &ar)) {
      for (int i = 1; (name = lua_getupvalue(L, -1, i)) != NULL; i++) {
        cv_guess_consider(g, name);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
  }
  lua_pushnil(L);
  while (lua_next(L, lua_upvalueindex(2))) {
    if (lua_type(L, -2) == LUA_TSTRING) cv_guess_consider(g, lua_tostring(L, -2));
    lua_pop(L, 1);
  }
}

/// __index of strict environments: a built-in is copied into the environment on first use (so
/// later reads cost nothing); any other name is an error naming the caller's line and, when
/// one is close, the local or built-in that was probably meant.
int cv_strict_read(lua_State *L) {
  // Only the environment's metatable calls this, but check anyway: never trust argument 1.
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  cv_generation_lookup(L, 2);
  if (lua_type(L, -1) != LUA_TNIL) {
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
  }
  if (lua_type(L, 2) != LUA_TSTRING) return 1;
  const char *name = lua_tostring(L, 2);
  struct cv_guess g;
  cv_guess_init(&g, name);
  guess_name(L, &g);
  luaL_where(L, 1);
  if (g.best[0] != '\0')
    lua_pushfstring(L, "unknown name '%s' (did you mean '%s'?)", name, g.best);
  else
    lua_pushfstring(L, "unknown name '%s'", name);
  lua_concat(L, 2);
  return lua_error(L);
}

void cv_generation_lookup(lua_State *L, int key) {
  key = lua_absindex(L, key);
  lua_pushvalue(L, key);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return;
  lua_pop(L, 1);
  lua_pushvalue(L, key);
  int type = lua_rawget(L, lua_upvalueindex(2));
  if (type != LUA_TTABLE) return;  // functions and constants are shared (they hold no state)
  if (lua_rawequal(L, -1, lua_upvalueindex(2))) {
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));  // _G is the generation's globals
    return;
  }
  // A library table (string, math, table, utf8, cultivar): this generation's own copy.
  int library = lua_gettop(L);
  lua_createtable(L, 0, 32);
  lua_pushnil(L);
  while (lua_next(L, library)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_remove(L, library);
  lua_pushvalue(L, key);
  lua_pushvalue(L, -2);
  lua_rawset(L, lua_upvalueindex(1));
}

/// __index of a generation's globals (`_G`): like a global read, but nil for unknown names.
int cv_generation_index(lua_State *L) {
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  cv_generation_lookup(L, 2);
  return 1;
}
