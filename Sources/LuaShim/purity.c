// Whether a plugin's functions can keep anything from one call to the next: a static check of
// the plugin file's bytecode (Lua 5.4), used to skip the fresh generation before each group of
// respondents when the hooks provably keep no state (see cv_pristine in LuaShim.h).
//
// A function other than the file's main chunk keeps state across calls only by
//   - assigning an upvalue or a global (SETUPVAL, SETTABUP),
//   - writing into a table that existed before the call (SETTABLE, SETFIELD, SETI, SETLIST on
//     a register that may hold anything but a table made by this call's NEWTABLE), or
//   - calling a built-in that changes state (rawset, setmetatable, table.insert/remove/sort/move,
//     load, math.random/randomseed): those mark the state dirty when they run (see guards.c).
// The first two are checked here, conservatively: a register counts as "a fresh table" only when
// every instruction of the function that writes it is NEWTABLE (and it is not a parameter).
// Anything this check does not understand (an unknown opcode, a malformed dump) means "may keep
// state", and the plugin's file then runs again before every group, as before.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

// Lua 5.4 opcodes (lopcodes.h, "ORDER OP").
enum {
  OP_MOVE, OP_LOADI, OP_LOADF, OP_LOADK, OP_LOADKX, OP_LOADFALSE, OP_LFALSESKIP, OP_LOADTRUE,
  OP_LOADNIL, OP_GETUPVAL, OP_SETUPVAL, OP_GETTABUP, OP_GETTABLE, OP_GETI, OP_GETFIELD,
  OP_SETTABUP, OP_SETTABLE, OP_SETI, OP_SETFIELD, OP_NEWTABLE, OP_SELF, OP_ADDI, OP_ADDK,
  OP_SUBK, OP_MULK, OP_MODK, OP_POWK, OP_DIVK, OP_IDIVK, OP_BANDK, OP_BORK, OP_BXORK, OP_SHRI,
  OP_SHLI, OP_ADD, OP_SUB, OP_MUL, OP_MOD, OP_POW, OP_DIV, OP_IDIV, OP_BAND, OP_BOR, OP_BXOR,
  OP_SHL, OP_SHR, OP_MMBIN, OP_MMBINI, OP_MMBINK, OP_UNM, OP_BNOT, OP_NOT, OP_LEN, OP_CONCAT,
  OP_CLOSE, OP_TBC, OP_JMP, OP_EQ, OP_LT, OP_LE, OP_EQK, OP_EQI, OP_LTI, OP_LEI, OP_GTI, OP_GEI,
  OP_TEST, OP_TESTSET, OP_CALL, OP_TAILCALL, OP_RETURN, OP_RETURN0, OP_RETURN1, OP_FORLOOP,
  OP_FORPREP, OP_TFORPREP, OP_TFORCALL, OP_TFORLOOP, OP_SETLIST, OP_CLOSURE, OP_VARARG,
  OP_VARARGPREP, OP_EXTRAARG, OP_COUNT
};

/// A dump being read: fails (ok = 0) on any byte it does not expect.
struct reader {
  const unsigned char *p, *end;
  int ok;
};

static unsigned char byte(struct reader *r) {
  if (!r->ok || r->p >= r->end) {
    r->ok = 0;
    return 0;
  }
  return *r->p++;
}

static void skip(struct reader *r, size_t n) {
  if (!r->ok || (size_t)(r->end - r->p) < n) {
    r->ok = 0;
    return;
  }
  r->p += n;
}

/// ldump.c's dumpSize: 7 bits per byte, most significant first, the last byte has bit 7 set.
static size_t size(struct reader *r) {
  size_t x = 0;
  for (int i = 0; i < 10 && r->ok; i++) {
    unsigned char b = byte(r);
    x = (x << 7) | (b & 0x7f);
    if (b & 0x80) return x;
  }
  r->ok = 0;
  return 0;
}

static void skip_string(struct reader *r) {
  size_t n = size(r);
  if (n > 0) skip(r, n - 1);
}

/// Registers written by instruction i (A is its register A), as the range [*from, *to];
/// returns 0 for instructions that write no register. "To the top" is 255: calls and loops
/// are taken to write every register from A up (a callee's frame reuses them).
static int written(unsigned op, unsigned a, unsigned *from, unsigned *to) {
  *from = a;
  *to = a;
  switch (op) {
    case OP_SETUPVAL: case OP_SETTABUP: case OP_SETTABLE: case OP_SETI: case OP_SETFIELD:
    case OP_SETLIST: case OP_CLOSE: case OP_TBC: case OP_JMP: case OP_EQ: case OP_LT: case OP_LE:
    case OP_EQK: case OP_EQI: case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: case OP_TEST:
    case OP_RETURN: case OP_RETURN0: case OP_RETURN1: case OP_VARARGPREP: case OP_EXTRAARG:
    case OP_MMBIN: case OP_MMBINI: case OP_MMBINK:
      // MMBIN* store into the register of the instruction before them, already counted.
      return 0;
    case OP_LOADNIL: case OP_SELF: case OP_CONCAT: case OP_CALL: case OP_TAILCALL:
    case OP_FORLOOP: case OP_FORPREP: case OP_TFORPREP: case OP_TFORCALL: case OP_TFORLOOP:
    case OP_VARARG:
      *to = 255;
      return 1;
    default:
      return 1;
  }
}

/// The instructions control may go to after instruction pc (lvm.c): the next one and any jump
/// target, each widened by one either side (extra edges only make the check more cautious).
static int successors(const uint32_t *code, size_t pc, long out[8]) {
  uint32_t i = code[pc];
  unsigned op = i & 0x7f;
  long bx = (long)(i >> 15);
  long sj = (long)((i >> 7) & ((1u << 25) - 1)) - ((1l << 24) - 1);
  long target = -1;
  int n = 0;
  out[n++] = (long)pc + 1;
  switch (op) {
    case OP_JMP: target = (long)pc + 1 + sj; break;
    case OP_EQ: case OP_LT: case OP_LE: case OP_EQK: case OP_EQI: case OP_LTI: case OP_LEI:
    case OP_GTI: case OP_GEI: case OP_TEST: case OP_TESTSET: case OP_LFALSESKIP: case OP_LOADKX:
      target = (long)pc + 2;
      break;
    case OP_FORPREP: target = (long)pc + bx + 2; break;
    case OP_TFORPREP: target = (long)pc + bx + 1; break;
    case OP_FORLOOP: case OP_TFORLOOP: target = (long)pc + 1 - bx; break;
    default: break;
  }
  if (target >= 0) {
    out[n++] = target - 1;
    out[n++] = target;
    out[n++] = target + 1;
  }
  return n;
}

/// Checks one function's code (not the main chunk's): 1 if it keeps no state by itself.
/// Data flow over the code: for every register, whether it may hold anything but a table made
/// by this call (a NEWTABLE on every path since its last other write); every table write must
/// go to a register that cannot.
static int code_keeps_no_state(const uint32_t *code, size_t n) {
  if (n == 0) return 1;
  // in[pc]: 256 bits, set = "may hold something else"; reached[pc]: seen by the walk.
  uint64_t (*in)[4] = calloc(n, sizeof *in);
  unsigned char *reached = calloc(n, 1);
  size_t *work = malloc(n * sizeof *work + 1);
  unsigned char *queued = calloc(n, 1);
  int pure = in != NULL && reached != NULL && work != NULL && queued != NULL;
  size_t top = 0;
  if (pure) {
    for (int w = 0; w < 4; w++) in[0][w] = ~(uint64_t)0;  // parameters and garbage alike
    reached[0] = 1;
    work[top++] = 0;
    queued[0] = 1;
  }
  while (pure && top > 0) {
    size_t pc = work[--top];
    queued[pc] = 0;
    uint32_t i = code[pc];
    unsigned op = i & 0x7f, a = (i >> 7) & 0xff, from, to;
    if (op >= OP_COUNT || op == OP_SETUPVAL || op == OP_SETTABUP) {
      pure = 0;
      break;
    }
    uint64_t state[4];
    memcpy(state, in[pc], sizeof state);
    if ((op == OP_SETTABLE || op == OP_SETI || op == OP_SETFIELD || op == OP_SETLIST) &&
        (state[a >> 6] >> (a & 63) & 1)) {
      pure = 0;
      break;
    }
    if (op == OP_NEWTABLE) {
      state[a >> 6] &= ~((uint64_t)1 << (a & 63));
    } else if (op == OP_MOVE) {
      unsigned b = (i >> 16) & 0xff;
      uint64_t bit = state[b >> 6] >> (b & 63) & 1;
      state[a >> 6] = (state[a >> 6] & ~((uint64_t)1 << (a & 63))) | bit << (a & 63);
    } else if (written(op, a, &from, &to)) {
      for (unsigned r = from; r <= to && r < 256; r++) state[r >> 6] |= (uint64_t)1 << (r & 63);
    }
    long next[8];
    int count = successors(code, pc, next);
    for (int k = 0; k < count; k++) {
      if (next[k] < 0 || (size_t)next[k] >= n) continue;
      size_t s = (size_t)next[k];
      int changed = !reached[s];
      for (int w = 0; w < 4; w++) {
        uint64_t merged = in[s][w] | state[w];
        if (merged != in[s][w]) changed = 1;
        in[s][w] = merged;
      }
      reached[s] = 1;
      if (changed && !queued[s]) {
        queued[s] = 1;
        work[top++] = s;
      }
    }
  }
  // A table write the walk never reached would be a gap in the control flow above: refuse.
  for (size_t pc = 0; pure && pc < n; pc++) {
    unsigned op = code[pc] & 0x7f;
    if (!reached[pc] && (op == OP_SETTABLE || op == OP_SETI || op == OP_SETFIELD || op == OP_SETLIST ||
                         op == OP_SETUPVAL || op == OP_SETTABUP))
      pure = 0;
  }
  free(in);
  free(reached);
  free(work);
  free(queued);
  return pure;
}

/// Reads one function of the dump (and its nested functions); returns 0 as soon as one of
/// them may keep state (`main`: this is the file's main chunk, which runs once per generation).
static int function_keeps_no_state(struct reader *r, int main, int depth) {
  if (depth > 200) return 0;
  skip_string(r);  // source
  size(r);         // linedefined
  size(r);         // lastlinedefined
  byte(r);  // numparams (parameters count as "anything" below)
  byte(r);  // is_vararg
  byte(r);  // maxstacksize
  size_t n = size(r);
  if (!r->ok || n > (size_t)(r->end - r->p) / 4) return 0;
  uint32_t *code = NULL;
  if (!main) {
    code = malloc(n * sizeof *code + 1);
    if (code == NULL) return 0;
    memcpy(code, r->p, n * 4);
  }
  skip(r, n * 4);
  int pure = main || code_keeps_no_state(code, n);
  free(code);
  if (!pure) return 0;
  size_t constants = size(r);
  for (size_t k = 0; k < constants && r->ok; k++) {
    switch (byte(r)) {
      case 0x13: case 0x03: skip(r, 8); break;  // float, integer
      case 0x04: case 0x14: skip_string(r); break;  // short, long string
      case 0x00: case 0x01: case 0x11: break;  // nil, false, true
      default: r->ok = 0;
    }
  }
  size_t upvalues = size(r);
  skip(r, upvalues * 3);
  size_t protos = size(r);
  for (size_t k = 0; k < protos && r->ok; k++)
    if (!function_keeps_no_state(r, 0, depth + 1)) return 0;
  // Debug information (absent from a stripped dump, but read it anyway).
  skip(r, size(r));
  size_t abs = size(r);
  for (size_t k = 0; k < abs && r->ok; k++) {
    size(r);
    size(r);
  }
  size_t locals = size(r);
  for (size_t k = 0; k < locals && r->ok; k++) {
    skip_string(r);
    size(r);
    size(r);
  }
  size_t names = size(r);
  for (size_t k = 0; k < names && r->ok; k++) skip_string(r);
  return r->ok;
}

struct dump_buffer {
  unsigned char *data;
  size_t len, cap;
  int failed;
};

static int collect(lua_State *L, const void *p, size_t sz, void *ud) {
  (void)L;
  struct dump_buffer *b = ud;
  if (b->len + sz > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + sz) cap *= 2;
    unsigned char *grown = realloc(b->data, cap);
    if (grown == NULL) {
      b->failed = 1;
      return 1;
    }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, sz);
  b->len += sz;
  return 0;
}

int cv_chunk_keeps_no_state(lua_State *L) {
  if (lua_type(L, -1) != LUA_TFUNCTION || lua_iscfunction(L, -1)) return 0;
  struct dump_buffer b = {NULL, 0, 0, 0};
  int status = lua_dump(L, collect, &b, 1);
  int pure = 0;
  if (status == 0 && !b.failed) {
    // Header: signature (4), version, format, LUAC_DATA (6), three sizes, LUAC_INT (8),
    // LUAC_NUM (8), then the main function's upvalue count.
    static const unsigned char signature[] = {0x1b, 'L', 'u', 'a', 0x54, 0};
    struct reader r = {b.data, b.data + b.len, 1};
    if (b.len > 33 && memcmp(b.data, signature, sizeof signature) == 0 && b.data[12] == 4) {
      skip(&r, 31);
      byte(&r);
      pure = function_keeps_no_state(&r, 1, 0) && r.p == r.end;
    }
  }
  free(b.data);
  return pure;
}
