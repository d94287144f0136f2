// Protected calls: argument marshalling, the traceback handler, references.
#include <stdio.h>
#include <string.h>
#include "internal.h"

/// Whether msg is one of Lua's own messages that carry no position ("C stack overflow").
static int lacks_position(const char *msg) {
  return strncmp(msg, "C stack overflow", 16) == 0 || strncmp(msg, "stack overflow", 14) == 0 ||
         strncmp(msg, "error in error handling", 23) == 0;
}

int cv_message_handler(lua_State *L) {
  // This may run with hooks off (after the stop hook raised), so it must never call plugin
  // code: no __tostring, no __index (raw access only).
  const char *msg = NULL;
  int type = lua_type(L, 1);
  if (type == LUA_TSTRING || type == LUA_TNUMBER) {
    msg = lua_tostring(L, 1);
  } else if (type == LUA_TTABLE) {
    lua_pushliteral(L, "message");
    if (lua_rawget(L, 1) == LUA_TSTRING) msg = lua_tostring(L, -1);
  }
  if (msg == NULL) msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  if (lacks_position(msg)) {
    char where[LUA_IDSIZE + 32];
    cv_plugin_where(L, 1, where, sizeof where);
    msg = lua_pushfstring(L, "%s%s", where, msg);
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

struct call_request {
  int ref;
  const char *field;
  const cv_op *ops;
  size_t nops;
  const char *strings;
  const double *numbers;
  int nargs;
  int nresults;
  int not_function;
};

/// __index of argument records: fills a lazily declared field on first access.
static int lazy_index(lua_State *L) {
  // Reachable only as the record's __index, but never trust the arguments.
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  return cv_lazy_lookup(L);
}

int cv_lazy_lookup(lua_State *L) {
  cv_state *s = cv_owner(L);
  // Argument 1 must be the very table the field was declared on during this call.
  size_t len = 0;
  const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, &len) : NULL;
  for (int k = 0; key != NULL && k < s->lazy_count; k++) {
    struct cv_lazy *field = &s->lazy[k];
    if (field->owner != lua_topointer(L, 1)) continue;
    if (field->name_len != len || memcmp(field->name, key, len) != 0) continue;
    s->lazy_read |= 1u << k;
    if (field->is_text) {
      lua_pushlstring(L, field->text, field->len);
      lua_pushvalue(L, 2);
      lua_pushvalue(L, -2);
      lua_rawset(L, 1);
      return 1;
    }
    cv_op op = {CV_OP_FILL, field->table_ref, field->keys_ref, 0, 0, field->len, 0, 0};
    cv_fill(L, &op, field->numbers);
    lua_pushvalue(L, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, field->table_ref);
    lua_rawset(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, field->table_ref);
    return 1;
  }
  return 0;
}

/// Declares a lazily filled field of the table on top of the stack for this call.
static void declare_lazy(lua_State *L, const cv_op *op, const struct call_request *req) {
  cv_state *s = cv_owner(L);
  if (s->lazy_count == (int)(sizeof s->lazy / sizeof s->lazy[0])) luaL_error(L, "too many lazy fields");
  if (!lua_getmetatable(L, -1)) {
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, lazy_index);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
  } else {
    lua_pop(L, 1);
  }
  struct cv_lazy *field = &s->lazy[s->lazy_count++];
  field->owner = lua_topointer(L, -1);
  field->name = req->strings + op->name_off;
  field->name_len = op->name_len;
  field->table_ref = op->a;
  field->keys_ref = op->b;
  field->numbers = op->kind == CV_OP_LAZY ? req->numbers + op->off : NULL;
  field->len = op->len;
  field->is_text = op->kind == CV_OP_LAZY_TEXT;
  field->text = field->is_text ? req->strings + op->off : NULL;
  lua_pushlstring(L, field->name, field->name_len);
  lua_pushnil(L);
  lua_rawset(L, -3);
}

static void build_arguments(lua_State *L, const struct call_request *req) {
  luaL_checkstack(L, 8, "arguments nest too deeply");
  for (size_t i = 0; i < req->nops; i++) {
    const cv_op *op = &req->ops[i];
    switch (op->kind) {
      case CV_OP_NIL: lua_pushnil(L); break;
      case CV_OP_BOOL: lua_pushboolean(L, op->a); break;
      case CV_OP_NUMBER: lua_pushnumber(L, op->num); break;
      case CV_OP_STRING: lua_pushlstring(L, req->strings + op->off, op->len); break;
      case CV_OP_TABLE:
        luaL_checkstack(L, 4, "arguments nest too deeply");
        lua_createtable(L, op->a, op->b);
        break;
      case CV_OP_SET: lua_rawset(L, -3); break;
      case CV_OP_REF: lua_rawgeti(L, LUA_REGISTRYINDEX, op->a); break;
      case CV_OP_FILL: cv_fill(L, op, req->numbers); break;
      case CV_OP_LAZY:
      case CV_OP_LAZY_TEXT: declare_lazy(L, op, req); break;
    case CV_OP_META:
      lua_rawgeti(L, LUA_REGISTRYINDEX, op->a);
      lua_setmetatable(L, -2);
      break;
      default: luaL_error(L, "internal error: unknown argument operation %d", op->kind);
    }
  }
}

static int call_body(lua_State *L) {
  struct call_request *req = lua_touserdata(L, 1);
  lua_settop(L, 0);
  lua_rawgeti(L, LUA_REGISTRYINDEX, req->ref);
  if (req->field != NULL) {
    if (lua_type(L, -1) != LUA_TTABLE) return luaL_error(L, "plugin value is not a table");
    lua_pushstring(L, req->field);
    lua_rawget(L, -2);
    lua_remove(L, -2);
  }
  if (lua_type(L, -1) != LUA_TFUNCTION) {
    req->not_function = 1;
    return luaL_error(L, "'%s' is not a function (got %s)", req->field ? req->field : "value",
                      luaL_typename(L, -1));
  }
  build_arguments(L, req);
  lua_call(L, req->nargs, req->nresults);
  return req->nresults;
}

int cv_call(cv_state *s, int ref, const char *field, const cv_op *ops, size_t nops,
            const char *strings, const double *numbers, int nargs, int nresults) {
  lua_State *L = s->L;
  if (!lua_checkstack(L, 4 + nresults)) {
    cv_set_error(s, "not enough memory");
    return LUA_ERRMEM;
  }
  struct call_request req = {ref, field, ops, nops, strings, numbers, nargs, nresults, 0};
  lua_pushcfunction(L, cv_message_handler);
  int handler = lua_gettop(L);
  lua_pushcfunction(L, call_body);
  lua_pushlightuserdata(L, &req);
  s->lazy_read = 0;
  cv_begin_call(s);
  s->in_call = 1;
  int status = cv_end_call(s, lua_pcall(L, 1, nresults, handler));
  s->in_call = 0;
  s->lazy_count = 0;
  if (status != LUA_OK) {
    cv_take_error(s, status);
    lua_settop(L, handler - 1);
    if (req.not_function) return CV_ERRNOTFUNCTION;
    return cv_failure_status(s, status);
  }
  lua_remove(L, handler);
  return LUA_OK;
}

static int unref_body(lua_State *L) {
  luaL_unref(L, LUA_REGISTRYINDEX, (int)lua_tointeger(L, 1));
  return 0;
}

int cv_unref(cv_state *s, int ref) {
  lua_pushcfunction(s->L, unref_body);
  lua_pushinteger(s->L, ref);
  return lua_pcall(s->L, 1, 0, 0) == LUA_OK ? 0 : (lua_pop(s->L, 1), -1);
}

void cv_push_ref(cv_state *s, int ref) { lua_rawgeti(s->L, LUA_REGISTRYINDEX, ref); }

int cv_reserve(cv_state *s, int n) { return lua_checkstack(s->L, n); }

static int make_ref_body(lua_State *L) {
  struct call_request *req = lua_touserdata(L, 1);
  lua_settop(L, 0);
  build_arguments(L, req);
  req->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int cv_make_ref(cv_state *s, const cv_op *ops, size_t nops, const char *strings, int *ref) {
  lua_State *L = s->L;
  struct call_request req = {LUA_NOREF, NULL, ops, nops, strings, NULL, 0, 0, 0};
  s->lazy_count = 0;
  lua_pushcfunction(L, make_ref_body);
  lua_pushlightuserdata(L, &req);
  int status = lua_pcall(L, 1, 0, 0);
  if (status != LUA_OK) cv_take_error(s, status);
  *ref = req.ref;
  return status;
}

/// The position in the key list (names and lengths: its strings, read once) of the string key
/// at stack index `at`, or -1. The same short string is the same interned object, so most keys
/// are found by comparing pointers, first at the position the key had last time.
static int key_position(lua_State *L, int at, const char **names, const size_t *lengths, int n, int guess) {
  size_t len = 0;
  const char *key = lua_tolstring(L, at, &len);
  if (guess >= 0 && guess < n && names[guess] == key) return guess;
  for (int i = 0; i < n; i++) {
    if (names[i] == key) return i;
  }
  // Long strings are not interned: compare their bytes (also how a key not listed ends).
  for (int i = 0; i < n; i++) {
    if (lengths[i] == len && memcmp(names[i], key, len) == 0) return i;
  }
  return -1;
}

int cv_read_fields(cv_state *s, int index, int keys_ref, int n, double *out, uint8_t *kinds, const char **names,
                   size_t *lengths, int *order) {
  lua_State *L = s->L;
  int t = lua_absindex(L, index);
  if (lua_type(L, t) == LUA_TNIL) return -1;
  if (lua_type(L, t) != LUA_TTABLE) return -2;
  if (!lua_checkstack(L, 4)) return -2;
  if (n > 0 && names[0] == NULL) {
    // The list keeps its strings alive (it is never handed to plugin code), so their bytes stay put.
    lua_rawgeti(L, LUA_REGISTRYINDEX, keys_ref);
    for (int i = 0; i < n; i++) {
      lua_rawgeti(L, -1, i + 1);
      names[i] = lua_tolstring(L, -1, &lengths[i]);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  memset(kinds, CV_FIELD_ABSENT, (size_t)n);
  // One pass over the table's entries (no look-up per key): each listed key is read, any other
  // is counted.
  int extra = 0, entry = 0;
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    int i = -1;
    // (lua_tolstring converts a number key in place, which would break lua_next: strings only.)
    if (lua_type(L, -2) == LUA_TSTRING) i = key_position(L, -2, names, lengths, n, entry < n ? order[entry] : -1);
    if (i < 0) {
      extra++;
    } else {
      if (entry < n) order[entry] = i;
      int type = lua_type(L, -1);
      if (type == LUA_TNUMBER) {
        kinds[i] = CV_FIELD_NUMBER;
        out[i] = lua_tonumberx(L, -1, NULL);
      } else {
        kinds[i] = type == LUA_TBOOLEAN && !lua_toboolean(L, -1) ? CV_FIELD_FALSE : CV_FIELD_OTHER;
      }
    }
    entry++;
    lua_pop(L, 1);
  }
  return extra;
}

unsigned cv_lazy_fields_read(cv_state *s) { return s->lazy_read; }
