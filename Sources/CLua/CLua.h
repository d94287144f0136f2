// Debian installs the Lua 5.4 headers under include/lua5.4; pkg-config adds that path.
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
