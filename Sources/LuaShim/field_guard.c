// Field guards: the tables handed to hooks (respondent, team, team.dimensions, ...) answer a
// read of a name they do not document with an error at the plugin's line and a guess at what
// was meant, instead of a nil that fails later as "attempt to index a nil value". The message
// names the innermost plugin line (not the host's prelude when a cultivar.* helper reads).
#include <string.h>
#include "internal.h"

/// __index of guarded tables. Upvalues: 1 the field table (documented name → true, a name
/// that lives elsewhere → where), 2 the table's name, 3 the listing for messages.
static int guard_index(lua_State *L) {
  // Only a guarded table's metatable calls this, but check anyway: never trust argument 1.
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  if (cv_lazy_lookup(L)) return 1;
  // Numbers and other keys stay plain misses: ipairs and t[i] on keyed tables give nil.
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  lua_pushvalue(L, 2);
  int kind = lua_rawget(L, lua_upvalueindex(1));
  if (kind == LUA_TBOOLEAN) return 0;  // documented, absent here: nil
  const char *key = lua_tostring(L, 2);
  const char *table = lua_tostring(L, lua_upvalueindex(2));
  char where[LUA_IDSIZE + 32];
  cv_plugin_where(L, 1, where, sizeof where);
  if (kind == LUA_TSTRING) {
    lua_pushfstring(L, "%s%s has no field '%s' \xE2\x80\x94 did you mean '%s'?", where, table, key, lua_tostring(L, -1));
    return lua_error(L);
  }
  lua_pop(L, 1);
  struct cv_guess g;
  cv_guess_init(&g, key);
  g.by_name = 1;
  lua_pushnil(L);
  while (lua_next(L, lua_upvalueindex(1))) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TBOOLEAN) cv_guess_consider(&g, lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  if (g.best[0] != '\0') {
    lua_pushfstring(L, "%s%s has no field '%s' \xE2\x80\x94 did you mean '%s'?", where, table, key, g.best);
    return lua_error(L);
  }
  lua_pushfstring(L, "%s%s has no field '%s' (%s)", where, table, key, lua_tostring(L, lua_upvalueindex(3)));
  return lua_error(L);
}

struct guard_request {
  int fields_ref;
  const char *name, *listing;
  int ref;
};

static int make_guard_body(lua_State *L) {
  struct guard_request *req = lua_touserdata(L, 1);
  lua_settop(L, 0);
  lua_createtable(L, 0, 2);
  lua_rawgeti(L, LUA_REGISTRYINDEX, req->fields_ref);
  if (lua_type(L, -1) != LUA_TTABLE) return luaL_error(L, "internal error: guard fields are not a table");
  lua_pushstring(L, req->name);
  lua_pushstring(L, req->listing);
  lua_pushcclosure(L, guard_index, 3);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  req->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int cv_make_guard(cv_state *s, int fields_ref, const char *name, const char *listing, int *ref) {
  lua_State *L = s->L;
  struct guard_request req = {fields_ref, name, listing, LUA_NOREF};
  lua_pushcfunction(L, make_guard_body);
  lua_pushlightuserdata(L, &req);
  int status = lua_pcall(L, 1, 0, 0);
  if (status != LUA_OK) cv_take_error(s, status);
  *ref = req.ref;
  return status;
}
