-- What the load scripts share (dofile'd by each). Run wrk with as many threads as connections
-- (-t16 -c16): each thread then holds one connection and signs in as its own user, read from
-- the file BENCH_USERS names ("<session token> <csrf token>" a line). Every request comes from a
-- random client IP of 10.0.0.0/8 in CF-Connecting-IP: the service trusts it (TRUST_PROXY=
-- cloudflare), so the rate limiter does its Redis round trip for each request without ever
-- reaching 300/min for one IP. Responses of another status than expected are counted, and the
-- first one is kept for the report; done() prints one BENCH_RESULT line for bench/load.py.
local common = {}
local threads = {}

unexpected = 0
first_unexpected = ""

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function common.init()
  local users = {}
  for line in io.lines(os.getenv("BENCH_USERS")) do
    local token, csrf = line:match("^(%S+) (%S+)$")
    table.insert(users, {token = token, csrf = csrf})
  end
  local user = users[(thread_number - 1) % #users + 1]
  common.cookie = "ignition_session=" .. user.token .. "; ignition_csrf=" .. user.csrf
  common.csrf = user.csrf
  common.origin = os.getenv("BENCH_ORIGIN")
  math.randomseed(os.time() * 1000 + thread_number)
end

function common.headers(write)
  local headers = {
    ["Cookie"] = common.cookie,
    ["CF-Connecting-IP"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
                                         math.random(1, 254)),
  }
  if write then  -- what a browser sends with a fetch() POST from the site itself
    headers["Content-Type"] = "application/json"
    headers["X-CSRF-Token"] = common.csrf
    headers["Origin"] = common.origin
  end
  return headers
end

-- True when `status` is the expected one; otherwise counts it.
function common.expect(expected, status, body)
  if status == expected then
    return true
  end
  unexpected = unexpected + 1
  if first_unexpected == "" then
    first_unexpected = string.format("%d (expected %d): %s", status, expected, (body or ""):sub(1, 300))
  end
  return false
end

function done(summary, latency, requests)
  local bad, sample = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    if sample == "" then
      sample = thread:get("first_unexpected")
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT %.0f %.0f %.0f %.0f %.0f %.0f %d %d %d %d %d %d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, bad, e.connect, e.read, e.write, e.timeout, e.status))
  io.write("BENCH_SAMPLE " .. sample:gsub("[\r\n]", " ") .. "\n")
end

return common
