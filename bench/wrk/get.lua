-- GET <url> with the benchmark client's bearer token: GET /bots/me, GET /clients/me.
-- The path comes from the URL given to wrk. Same request every time, so no request() here:
-- wrk then builds it once per connection.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

wrk.method = "GET"
wrk.headers["Authorization"] = bench_bearer()
