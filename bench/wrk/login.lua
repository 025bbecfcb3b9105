-- POST /auth/token: the OAuth2 password-flow form login, as a browser or FastAPI client sends
-- it, of BENCH_ACCOUNTS accounts in turn (BENCH_USERNAME with "{n}" replaced by 1..N), as many
-- users logging in would. Every login succeeds (right password); each one costs the server one
-- Argon2id verification. The throttle counts an attempt until it succeeds, and allows few at a
-- time per account (BOTFACTORY_LOGIN_MAX_FAILURES_PER_EMAIL): 32 connections logging in to one
-- account would mostly measure its 429s.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local function urlencode(s)
  return (s:gsub("[^A-Za-z0-9_.~-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local username = os.getenv("BENCH_USERNAME") or error("BENCH_USERNAME is not set")
local password = os.getenv("BENCH_PASSWORD") or error("BENCH_PASSWORD is not set")
local accounts = tonumber(os.getenv("BENCH_ACCOUNTS") or "1")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local bodies = {}
for n = 1, accounts do
  local name = username:gsub("{n}", tostring(n))
  bodies[n] = "username=" .. urlencode(name) .. "&password=" .. urlencode(password)
end

-- Each thread starts at its own account, then takes them in turn.
local next_account = nil

function request()
  next_account = ((next_account or (thread_index or 0) * 7) % accounts) + 1
  return wrk.format(nil, nil, nil, bodies[next_account])
end
