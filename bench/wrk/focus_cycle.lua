-- The write cycle: POST /api/v1/focus (expects 201), then POST /api/v1/focus/<id>/complete
-- (expects 200; completing early is allowed and awards nothing under five minutes), again and
-- again, as each thread's user. A user may have one open session only, so each connection
-- first asks GET /api/v1/focus/active once and completes what an earlier run left open; after
-- an unexpected answer it asks again, so one failure does not cascade into 409s. When wrk asks
-- for a request while the last one is still unanswered (it timed out and wrk reconnected), that
-- one may have been carried out all the same: the connection probes instead of resending it.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local START = '{"mode":"focus","duration":1500}'
local step, open_id, awaiting = "probe", nil, false

function init(args)
  common.init()
end

function request()
  if awaiting then
    step = "probe"
  end
  awaiting = true
  if step == "probe" then
    return wrk.format("GET", "/api/v1/focus/active", common.headers(false))
  elseif step == "start" then
    return wrk.format("POST", "/api/v1/focus", common.headers(true), START)
  end
  return wrk.format("POST", "/api/v1/focus/" .. open_id .. "/complete", common.headers(true))
end

local function session_id(body)
  return body:match('"id"%s*:%s*"([%x%-]+)"')
end

function response(status, headers, body)
  awaiting = false
  if step == "probe" then
    if common.expect(200, status, body) then
      open_id = session_id(body)
      step = open_id and "complete" or "start"
    end
  elseif step == "start" then
    open_id = common.expect(201, status, body) and session_id(body) or nil
    step = open_id and "complete" or "probe"
  else
    step = common.expect(200, status, body) and "start" or "probe"
  end
end
