// The whitelisted standard library, safe replacements for load/print/collectgarbage, strict
// globals and per-chunk environments.
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/// load(chunk [, chunkname [, mode [, env]]]) restricted to text chunks given as strings.
static int safe_load(lua_State *L) {
  size_t len = 0;
  const char *chunk = luaL_checklstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "=(load)");
  const char *mode = luaL_optstring(L, 3, "t");
  if (strchr(mode, 't') == NULL) return luaL_error(L, "binary chunks are not allowed in plugins");
  int has_env = !lua_isnone(L, 4);
  int status = luaL_loadbufferx(L, chunk, len, name, "t");
  if (status != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  cv_state *s = cv_owner(L);
  // Code made at run time is not in the file the purity check read (see purity.c).
  s->dirty = 1;
  s->opaque = 1;
  if (has_env) {
    lua_pushvalue(L, 4);
    if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
  } else if (s->env_ref != LUA_NOREF && s->env_ref != 0) {
    // By default a loaded chunk sees the plugin's own environment, never the host's globals.
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->env_ref);
    if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
  }
  return 1;
}

/// collectgarbage("count") only: plugins may look at their memory but not steer the collector.
static int safe_collectgarbage(lua_State *L) {
  const char *opt = luaL_optstring(L, 1, "collect");
  if (strcmp(opt, "count") != 0)
    return luaL_error(L, "collectgarbage('%s') is not allowed in plugins (only 'count')", opt);
  cv_state *s = cv_owner(L);
  // In a hook the count would tell what earlier calls left behind (a way to pass data from
  // one respondent to the next): hooks see the memory as it was after loading.
  if (s->in_call) lua_pushnumber(L, s->load_kb);
  else lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) + lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
  return 1;
}

/// print(...) and cultivar.log(...): tab-joined text, prefixed with the caller's file:line.
static int host_log(lua_State *L) {
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_where(L, 1);
  luaL_addvalue(&b);
  for (int i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, NULL);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  size_t len = 0;
  const char *text = lua_tolstring(L, -1, &len);
  cv_append_log(cv_owner(L), text, len);
  return 0;
}

/// __newindex of strict environments: names the undeclared global and the caller's line.
static int refuse_global(lua_State *L) {
  const char *name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
  luaL_where(L, 1);
  lua_pushfstring(L,
                  "assignment to undeclared global '%s' (declare it with 'local %s' or put it in "
                  "the returned table)",
                  name, name);
  lua_concat(L, 2);
  return lua_error(L);
}

static void open_lib(lua_State *L, const char *name, lua_CFunction open) {
  luaL_requiref(L, name, open, 1);
  lua_pop(L, 1);
}

// xpcall's message handler would run with hooks off when the error comes from the watchdog's
// stop hook, out of reach of the time limit; the sandbox's xpcall calls the handler after the
// protected call has returned instead (plugins have no debug library, so a handler cannot see
// the failed stack anyway).
static const char *const hardening =
    "local rs = math.randomseed\n"
    "rs(0)\n"
    "math.randomseed = function(a, b) return rs(a or 0, b or 0) end\n"
    "string.dump = nil\n"
    "local pcall, pack, unpack, type, error = pcall, table.pack, table.unpack, type, error\n"
    "xpcall = function(f, handler, ...)\n"
    "  if handler == nil then error(\"bad argument #2 to 'xpcall' (value expected)\", 2) end\n"
    "  local r = pack(pcall(f, ...))\n"
    "  if r[1] then return unpack(r, 1, r.n) end\n"
    "  return false, handler(r[2])\n"
    "end\n";

int cv_open_sandbox(lua_State *L) {
  open_lib(L, LUA_GNAME, luaopen_base);
  open_lib(L, LUA_STRLIBNAME, luaopen_string);
  open_lib(L, LUA_TABLIBNAME, luaopen_table);
  open_lib(L, LUA_MATHLIBNAME, luaopen_math);
  open_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);
  lua_pushnil(L);
  lua_setglobal(L, "dofile");
  lua_pushnil(L);
  lua_setglobal(L, "loadfile");
  lua_pushcfunction(L, safe_load);
  lua_setglobal(L, "load");
  lua_pushcfunction(L, safe_collectgarbage);
  lua_setglobal(L, "collectgarbage");
  lua_pushcfunction(L, host_log);
  lua_setglobal(L, "print");
  // The native half of the `cultivar` module; the host prelude wraps it and removes the name.
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, host_log);
  lua_setfield(L, -2, "log");
  lua_setglobal(L, "__cultivar_native");
  // Strings share one metatable: hide it so plugins cannot patch string methods.
  lua_pushliteral(L, "");
  if (lua_getmetatable(L, -1)) {
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  cv_install_guards(L);
  if (luaL_loadbufferx(L, hardening, strlen(hardening), "=sandbox", "t") != LUA_OK)
    return lua_error(L);
  lua_call(L, 0, 0);
  return 0;
}

static int seal_globals(lua_State *L) {
  lua_pushglobaltable(L);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, refuse_global);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  return 0;
}

void cv_seal_globals(cv_state *s) {
  lua_pushcfunction(s->L, seal_globals);
  cv_begin_call(s);
  int status = cv_end_call(s, lua_pcall(s->L, 0, 0, 0));
  if (status != LUA_OK) cv_take_error(s, status);
}

int cv_generation_index(lua_State *L);

/// Puts every built-in into the generation's globals G' (library tables copied, `_G` as G'
/// itself) and its environment up front, so that no call adds a name later: which names earlier
/// calls used would otherwise be visible to later ones (rawget(_ENV, 'math')).
static void fill_generation(lua_State *L, int gprime, int env) {
  lua_pushglobaltable(L);
  int host = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, host)) {
    if (lua_type(L, -2) != LUA_TSTRING) {
      lua_pop(L, 1);
      continue;
    }
    if (lua_type(L, -1) == LUA_TTABLE) {
      if (lua_rawequal(L, -1, host)) {
        lua_pop(L, 1);
        lua_pushvalue(L, gprime);
      } else {
        int library = lua_gettop(L);
        lua_createtable(L, 0, 32);
        lua_pushnil(L);
        while (lua_next(L, library)) {
          lua_pushvalue(L, -2);
          lua_insert(L, -2);
          lua_rawset(L, -4);
        }
        lua_remove(L, library);
      }
    }
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -2);
    lua_rawset(L, gprime);
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, env);
  }
  lua_pop(L, 1);
}

/// Pushes a fresh generation: its own globals G' (filled from the host's globals on first use,
/// library tables copied) and a strict environment reading from G'. Reading or assigning an
/// undeclared name in the environment is an error. Returns with the environment on top.
static void push_generation_env(lua_State *L) {
  lua_createtable(L, 0, 16);  // G'
  int gprime = lua_gettop(L);
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, gprime);
  lua_pushglobaltable(L);
  lua_pushcclosure(L, cv_generation_index, 2);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, refuse_global);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, gprime);
  lua_createtable(L, 0, 0);  // the environment
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, gprime);
  lua_pushglobaltable(L);
  lua_pushcclosure(L, cv_strict_read, 2);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, refuse_global);
  lua_setfield(L, -2, "__newindex");
  // getmetatable(_ENV) gives false: the strict functions cannot be reached or replaced.
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  fill_generation(L, gprime, lua_gettop(L));
  lua_remove(L, gprime);
}

/// Runs the chunk function on top of the stack in a fresh generation (see push_generation_env)
/// and leaves its first result. The environment is kept as the default of `load` and the
/// random generator restarts from its fixed seed, so every generation starts the same.
static void run_generation(lua_State *L) {
  cv_state *s = cv_owner(L);
  push_generation_env(L);
  lua_pushvalue(L, -1);
  luaL_unref(L, LUA_REGISTRYINDEX, s->env_ref);
  s->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, 0);
  lua_call(L, 1, 0);
  lua_pop(L, 1);
  lua_call(L, 0, 1);
  // Later generations (and hooks) see the memory of the first one: the real count would tell
  // them what earlier generations left behind.
  if (s->load_kb == 0) s->load_kb = (double)lua_gc(L, LUA_GCCOUNT, 0) + 1;
  // What the file itself did while loading is the generation's starting point.
  s->dirty = 0;
}

int cv_pristine(cv_state *s) { return s->pure && !s->dirty && !s->opaque; }

struct load_request {
  const char *source;
  size_t len;
  const char *chunkname;
  int strict_env;
  int ref;
  int syntax_error;
};

static int load_body(lua_State *L) {
  struct load_request *req = lua_touserdata(L, 1);
  lua_settop(L, 0);
  int status = luaL_loadbufferx(L, req->source, req->len, req->chunkname, "t");
  if (status != LUA_OK) {
    req->syntax_error = status == LUA_ERRSYNTAX;
    return lua_error(L);
  }
  if (req->strict_env) {
    cv_state *s = cv_owner(L);
    lua_pushvalue(L, -1);
    luaL_unref(L, LUA_REGISTRYINDEX, s->chunk_ref);
    s->chunk_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    run_generation(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->chunk_ref);
    s->pure = cv_chunk_keeps_no_state(L);
    lua_pop(L, 1);
  } else {
    lua_call(L, 0, 1);
  }
  req->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

static int regenerate_body(lua_State *L) {
  struct load_request *req = lua_touserdata(L, 1);
  cv_state *s = cv_owner(L);
  lua_settop(L, 0);
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->chunk_ref);
  if (lua_type(L, -1) != LUA_TFUNCTION) return luaL_error(L, "internal error: no plugin chunk to run again");
  run_generation(L);
  req->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int cv_regenerate(cv_state *s, int *ref) {
  lua_State *L = s->L;
  if (!lua_checkstack(L, 4)) {
    cv_set_error(s, "not enough memory");
    return LUA_ERRMEM;
  }
  struct load_request req = {NULL, 0, NULL, 1, LUA_NOREF, 0};
  lua_pushcfunction(L, cv_message_handler);
  int handler = lua_gettop(L);
  lua_pushcfunction(L, regenerate_body);
  lua_pushlightuserdata(L, &req);
  cv_begin_call(s);
  s->in_call = 1;
  int status = cv_end_call(s, lua_pcall(L, 1, 0, handler));
  s->in_call = 0;
  if (status != LUA_OK) {
    cv_take_error(s, status);
    status = cv_failure_status(s, status);
  }
  lua_settop(L, handler - 1);
  *ref = req.ref;
  return status;
}

int cv_load(cv_state *s, const char *source, size_t len, const char *chunkname, int strict_env,
            int *ref) {
  lua_State *L = s->L;
  if (!lua_checkstack(L, 4)) {
    cv_set_error(s, "not enough memory");
    return LUA_ERRMEM;
  }
  struct load_request req = {source, len, chunkname, strict_env, LUA_NOREF, 0};
  if (strict_env && chunkname[0] == '@') {
    strncpy(s->plugin_name, chunkname + 1, sizeof s->plugin_name - 1);
    s->plugin_name[sizeof s->plugin_name - 1] = '\0';
  }
  lua_pushcfunction(L, cv_message_handler);
  int handler = lua_gettop(L);
  lua_pushcfunction(L, load_body);
  lua_pushlightuserdata(L, &req);
  cv_begin_call(s);
  int status = cv_end_call(s, lua_pcall(L, 1, 0, handler));
  if (status != LUA_OK) {
    cv_take_error(s, status);
    if (req.syntax_error) {
      // A syntax error is re-raised from load_body: report it as one, without a traceback.
      status = LUA_ERRSYNTAX;
      free(s->traceback);
      s->traceback = NULL;
    } else {
      status = cv_failure_status(s, status);
    }
  }
  lua_settop(L, handler - 1);
  *ref = req.ref;
  return status;
}

int cv_compile(cv_state *s, const char *source, size_t len, const char *chunkname) {
  lua_State *L = s->L;
  if (!lua_checkstack(L, 2)) {
    cv_set_error(s, "not enough memory");
    return LUA_ERRMEM;
  }
  // lua_load is protected internally: it returns a status and never raises.
  int status = luaL_loadbufferx(L, source, len, chunkname, "t");
  if (status != LUA_OK) {
    cv_take_error(s, status);
    return status;
  }
  lua_pop(L, 1);
  return LUA_OK;
}
