-- POST BENCH_TEMPLATE with %d replaced by BENCH_FIRST_ID, BENCH_FIRST_ID + 1, ... so that
-- every request acts on a different record. Use one wrk thread (-t 1).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
local template = os.getenv("BENCH_TEMPLATE")
local next_id = tonumber(os.getenv("BENCH_FIRST_ID"))
request = function()
  local body = string.format(template, next_id)
  next_id = next_id + 1
  return wrk.format(nil, nil, nil, body)
end
