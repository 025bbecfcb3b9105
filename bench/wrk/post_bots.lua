-- POST /bots: registers a new bot per request, each with a Telegram bot id never used before
-- (a repeated id would be a 409, which the report would show as non-2xx).
--
-- Unique ids without coordination: an id is the decimal digits
--   1 | seed (7 digits) | wrk thread (2 digits) | per-thread counter (6 digits)
-- 16 digits, below 2^54 as Telegram's bot ids are (the Telegram double, like Telegram, knows no
-- bot above). The seed is the start time in milliseconds modulo 10^7 (BENCH_ID_SEED, set by
-- bench/run.sh for each wrk invocation, which never start in the same millisecond), so ids
-- differ across the invocations of a run (under 2.7 hours), threads and requests. floor.sh's
-- ids start with 2, the setup bots' with 3 and the update fleet's with 4, so they never meet.
-- 10^6 requests per thread and invocation at most.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
local seed = tonumber(os.getenv("BENCH_ID_SEED") or "") or os.time() * 1000
local counter = 0
local secret_prefix

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = bench_bearer()

function init(args)
  -- 31 random characters per thread; the last 4 (the token_last4 the service keeps) vary per request.
  math.randomseed(seed + thread_index)
  local chars = {}
  for i = 1, 31 do
    local k = math.random(1, #ALPHABET)
    chars[i] = ALPHABET:sub(k, k)
  end
  secret_prefix = table.concat(chars)
end

local function last4(n)
  local s = ""
  for _ = 1, 4 do
    local k = n % 64
    s = s .. ALPHABET:sub(k + 1, k + 1)
    n = math.floor(n / 64)
  end
  return s
end

function request()
  counter = counter + 1
  if counter > 999999 then
    error("post_bots.lua: more than 10^6 requests in one thread; ids would repeat")
  end
  local id = string.format("1%07d%02d%06d", seed % 10000000, thread_index, counter)
  local token = id .. ":" .. secret_prefix .. last4(counter)  -- 35-character secret
  local body = '{"name":"bench ' .. id .. '","token":"' .. token
    .. '","description":"created by bench/run.sh"}'
  return wrk.format(nil, nil, nil, body)
end
