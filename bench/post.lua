-- POST a fixed JSON body (BENCH_BODY) with an Authorization header (BENCH_AUTH).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
wrk.body = os.getenv("BENCH_BODY")
