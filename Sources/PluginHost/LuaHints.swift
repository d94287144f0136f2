/// Plain-words hints for the Lua mistakes plugin authors make most.
enum LuaHints {
  static func hint(for message: String) -> String? {
    if message.contains("attempt to index a nil value") {
      return "a table or field used here is nil: check the spelling of the name, and that the value exists for every respondent (unanswered items are nil)"
    }
    if message.contains("attempt to call a nil value (global") {
      return "that function does not exist: check its spelling; host helpers live in the 'cultivar' table (cultivar.mean, cultivar.pomp, ...)"
    }
    if message.contains("attempt to perform arithmetic on a nil value") {
      return "a value in the calculation is nil, often an unanswered item: check it with 'if x ~= nil then ... end'"
    }
    if message.contains("assignment to undeclared global") {
      return "plugins cannot create globals: write 'local name = ...'"
    }
    if message.contains("time limit exceeded") {
      return "the code ran too long: look for a loop that never ends"
    }
    if message.contains("memory limit exceeded") {
      return "the code built too much data: look for a table or string that keeps growing"
    }
    return nil
  }
}
