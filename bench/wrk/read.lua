-- GET one path (the first script argument) as each thread's user; anything but 200 is counted.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local path

function init(args)
  path = args[1]
  common.init()
end

function request()
  return wrk.format("GET", path, common.headers(false))
end

function response(status, headers, body)
  common.expect(200, status, body)
end
