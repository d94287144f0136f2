-- Benchmark framework: 8 dimensions x 5 items on 1-5, 10 reverse-keyed items.
local DIMENSION_IDS, ITEMS_BY_DIMENSION = {}, {}
for d = 0, 7 do
  DIMENSION_IDS[d + 1] = 'd' .. d
  ITEMS_BY_DIMENSION[d + 1] = {}
  for i = 0, 4 do ITEMS_BY_DIMENSION[d + 1][i + 1] = 'd' .. d .. '_q' .. i end
end

return {
  api = 1,
  id = 'bench-hook',
  name = 'Benchmark framework',
  version = '1.0.0',
  description = 'Synthetic framework for make bench.',
  source = 'Cultivar benchmark.',
  scale = { min = 1, max = 5 },
  dimensions = {
    { id = 'd0', name = 'Dimension 0' },
    { id = 'd1', name = 'Dimension 1' },
    { id = 'd2', name = 'Dimension 2' },
    { id = 'd3', name = 'Dimension 3' },
    { id = 'd4', name = 'Dimension 4' },
    { id = 'd5', name = 'Dimension 5' },
    { id = 'd6', name = 'Dimension 6' },
    { id = 'd7', name = 'Dimension 7' },
  },
  items = {
    { id = 'd0_q0', text = 'Item 0.0', dimension = 'd0', },
    { id = 'd0_q1', text = 'Item 0.1', dimension = 'd0', reverse = true, },
    { id = 'd0_q2', text = 'Item 0.2', dimension = 'd0', },
    { id = 'd0_q3', text = 'Item 0.3', dimension = 'd0', reverse = true, },
    { id = 'd0_q4', text = 'Item 0.4', dimension = 'd0', },
    { id = 'd1_q0', text = 'Item 1.0', dimension = 'd1', },
    { id = 'd1_q1', text = 'Item 1.1', dimension = 'd1', reverse = true, },
    { id = 'd1_q2', text = 'Item 1.2', dimension = 'd1', },
    { id = 'd1_q3', text = 'Item 1.3', dimension = 'd1', reverse = true, },
    { id = 'd1_q4', text = 'Item 1.4', dimension = 'd1', },
    { id = 'd2_q0', text = 'Item 2.0', dimension = 'd2', },
    { id = 'd2_q1', text = 'Item 2.1', dimension = 'd2', reverse = true, },
    { id = 'd2_q2', text = 'Item 2.2', dimension = 'd2', },
    { id = 'd2_q3', text = 'Item 2.3', dimension = 'd2', reverse = true, },
    { id = 'd2_q4', text = 'Item 2.4', dimension = 'd2', },
    { id = 'd3_q0', text = 'Item 3.0', dimension = 'd3', },
    { id = 'd3_q1', text = 'Item 3.1', dimension = 'd3', reverse = true, },
    { id = 'd3_q2', text = 'Item 3.2', dimension = 'd3', },
    { id = 'd3_q3', text = 'Item 3.3', dimension = 'd3', reverse = true, },
    { id = 'd3_q4', text = 'Item 3.4', dimension = 'd3', },
    { id = 'd4_q0', text = 'Item 4.0', dimension = 'd4', },
    { id = 'd4_q1', text = 'Item 4.1', dimension = 'd4', reverse = true, },
    { id = 'd4_q2', text = 'Item 4.2', dimension = 'd4', },
    { id = 'd4_q3', text = 'Item 4.3', dimension = 'd4', reverse = true, },
    { id = 'd4_q4', text = 'Item 4.4', dimension = 'd4', },
    { id = 'd5_q0', text = 'Item 5.0', dimension = 'd5', },
    { id = 'd5_q1', text = 'Item 5.1', dimension = 'd5', },
    { id = 'd5_q2', text = 'Item 5.2', dimension = 'd5', },
    { id = 'd5_q3', text = 'Item 5.3', dimension = 'd5', },
    { id = 'd5_q4', text = 'Item 5.4', dimension = 'd5', },
    { id = 'd6_q0', text = 'Item 6.0', dimension = 'd6', },
    { id = 'd6_q1', text = 'Item 6.1', dimension = 'd6', },
    { id = 'd6_q2', text = 'Item 6.2', dimension = 'd6', },
    { id = 'd6_q3', text = 'Item 6.3', dimension = 'd6', },
    { id = 'd6_q4', text = 'Item 6.4', dimension = 'd6', },
    { id = 'd7_q0', text = 'Item 7.0', dimension = 'd7', },
    { id = 'd7_q1', text = 'Item 7.1', dimension = 'd7', },
    { id = 'd7_q2', text = 'Item 7.2', dimension = 'd7', },
    { id = 'd7_q3', text = 'Item 7.3', dimension = 'd7', },
    { id = 'd7_q4', text = 'Item 7.4', dimension = 'd7', },
  },
  -- The same scores as the declarative rule, computed in Lua for every respondent.
  score = function(r)
    local keyed, out = r.keyed, {}
    for d, ids in ipairs(ITEMS_BY_DIMENSION) do
      local sum, n = 0, 0
      for i = 1, #ids do
        local x = keyed[ids[i]]
        if x then sum, n = sum + x, n + 1 end
      end
      out[DIMENSION_IDS[d]] = n > 0 and sum / n or false
    end
    return out
  end,
}
