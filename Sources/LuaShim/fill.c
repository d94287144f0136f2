// Filling an argument table (a respondent's answers) from a key list, through generated Lua.
//
// Setting a respondent's 40 answers through the C API cost a key fetch, a stack-index
// translation and a generic table look-up per answer (about 9 % of the benchmark hook's run).
// A Lua function made once per key list, `function(t, v1, ..., vk) t["a"] = v1 ... end`, sets
// each field with one SETFIELD instruction on a constant key, and the values only have to be
// pushed. The function is kept in the key list itself (never handed to plugin code), at index
// -len, as a sequence of functions of at most FILL_CHUNK values each (a Lua function takes at
// most about 200 locals).
#include <stdio.h>
#include "internal.h"

enum { FILL_CHUNK = 150 };

/// Pushes the line `t["key"] = vJ`, the key (keys[index]) written as a literal with every
/// byte escaped, so that any id makes valid Lua.
static void push_assignment(lua_State *L, int keys, lua_Integer index, size_t j) {
  if (lua_rawgeti(L, keys, index) != LUA_TSTRING) luaL_error(L, "internal error: a key list holds a non-string");
  size_t len = 0;
  const char *key = lua_tolstring(L, -1, &len);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "t[\"");
  for (size_t i = 0; i < len; i++) {
    char escaped[8];
    snprintf(escaped, sizeof escaped, "\\%03u", (unsigned)(unsigned char)key[i]);
    luaL_addstring(&b, escaped);
  }
  char tail[32];
  snprintf(tail, sizeof tail, "\"] = v%zu\n", j);
  luaL_addstring(&b, tail);
  luaL_pushresult(&b);
  lua_remove(L, -2);
}

/// Pushes the function that sets keys[first + 1 ..= first + count] of its first argument to its
/// other arguments (the key list at stack index keys).
static void push_filler(lua_State *L, int keys, size_t first, size_t count) {
  luaL_checkstack(L, (int)count + 8, "arguments nest too deeply");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "return function(t");
  for (size_t j = 1; j <= count; j++) {
    char name[24];
    snprintf(name, sizeof name, ", v%zu", j);
    luaL_addstring(&b, name);
  }
  luaL_addstring(&b, ")\n");
  luaL_pushresult(&b);
  for (size_t j = 1; j <= count; j++) push_assignment(L, keys, (lua_Integer)(first + j), j);
  lua_pushliteral(L, "end\n");
  lua_concat(L, (int)count + 2);
  size_t len = 0;
  const char *source = lua_tolstring(L, -1, &len);
  if (luaL_loadbufferx(L, source, len, "=(cultivar fill)", "t") != LUA_OK) lua_error(L);
  lua_remove(L, -2);
  lua_call(L, 0, 1);
}

/// Pushes the sequence of fillers for the first len keys of the key list at stack index keys,
/// made on first use.
static void push_fillers(lua_State *L, int keys, size_t len) {
  if (lua_rawgeti(L, keys, -(lua_Integer)len) == LUA_TTABLE) return;
  lua_pop(L, 1);
  if (lua_rawlen(L, keys) < len) luaL_error(L, "internal error: %d values for a list of %d keys", (int)len, (int)lua_rawlen(L, keys));
  lua_createtable(L, (int)((len + FILL_CHUNK - 1) / FILL_CHUNK), 0);
  for (size_t first = 0, k = 1; first < len; first += FILL_CHUNK, k++) {
    push_filler(L, keys, first, len - first < FILL_CHUNK ? len - first : FILL_CHUNK);
    lua_rawseti(L, -2, (lua_Integer)k);
  }
  lua_pushvalue(L, -1);
  lua_rawseti(L, keys, -(lua_Integer)len);
}

void cv_fill(lua_State *L, const cv_op *op, const double *numbers) {
  luaL_checkstack(L, FILL_CHUNK + 8, "arguments nest too deeply");
  lua_rawgeti(L, LUA_REGISTRYINDEX, op->a);
  lua_rawgeti(L, LUA_REGISTRYINDEX, op->b);
  int keys = lua_gettop(L);
  push_fillers(L, keys, op->len);
  for (size_t first = 0, k = 1; first < op->len; first += FILL_CHUNK, k++) {
    size_t count = op->len - first < FILL_CHUNK ? op->len - first : FILL_CHUNK;
    lua_rawgeti(L, -1, (lua_Integer)k);
    lua_pushvalue(L, keys - 1);
    for (size_t j = 0; j < count; j++) {
      double x = numbers[op->off + first + j];
      if (x != x) lua_pushnil(L); else lua_pushnumber(L, x);
    }
    lua_call(L, (int)count + 1, 0);
  }
  lua_pop(L, 3);
}
