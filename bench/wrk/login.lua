-- POST /auth/token: the OAuth2 password-flow form login of the benchmark client, as a browser
-- or FastAPI client sends it. Every login succeeds (right password), so no failed-login
-- throttle is involved; each one costs the server one Argon2id verification.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local function urlencode(s)
  return (s:gsub("[^A-Za-z0-9_.~-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local username = os.getenv("BENCH_USERNAME") or error("BENCH_USERNAME is not set")
local password = os.getenv("BENCH_PASSWORD") or error("BENCH_PASSWORD is not set")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=" .. urlencode(username) .. "&password=" .. urlencode(password)
