-- wrk script of bench/async_queue.sh: POSTs a body template in which every request gets its own
-- dossier code (and, optionally, its own X-Message-ID), tallies the answers by status, and can
-- stop after a number of answers with an expected status.
--
--   wrk ... -s bench/unique_requests.lua URL -- body=FILE code=PREFIX [expect=202] [quota=N]
--       [ok_body=TEXT] [message_id=1] [header='Name: value']...
--
-- FILE holds the body with @CODE@ where the dossier code goes; a code is PREFIX followed by the
-- wrk thread number and a 7-digit counter (PREFIX ends in "-": {agency}-{yyMMdd}-{NNNN...}).
-- quota=N: each thread stops after N answers with status `expect` (or after 100 other answers,
-- rather than loop for ever on a misconfigured hub); requests still in flight then may be
-- stored too, so the caller counts what was stored. done() prints "statuses <status>=<count> ..."
-- over all threads. ok_body=TEXT: an answer with status `expect` whose
-- body lacks TEXT is tallied as "<status>-refused" (the dvcqg portal refuses with 200 and an
-- error_code in the body).

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  headers = { ["Content-Type"] = "application/json" }
  quota, expect, sent, answered, failed, with_message_id = 0, 202, 0, 0, 0, false
  ok_body = nil
  local file
  for _, arg in ipairs(args) do
    local key, value = arg:match("^([%w_]+)=(.*)$")
    if key == "body" then file = value
    elseif key == "code" then code_prefix = value
    elseif key == "quota" then quota = tonumber(value)
    elseif key == "expect" then expect = tonumber(value)
    elseif key == "message_id" then with_message_id = value == "1"
    elseif key == "ok_body" then ok_body = value
    elseif key == "header" then
      local name, v = value:match("^([^:]+):%s*(.*)$")
      headers[name] = v
    else error("unique_requests.lua: unknown argument " .. arg) end
  end
  local f = assert(io.open(file, "rb"), "cannot read " .. tostring(file))
  local template = f:read("*a")
  f:close()
  head, tail = template:match("^(.-)@CODE@(.*)$")
  assert(head and code_prefix, "unique_requests.lua needs body=FILE (with @CODE@) and code=PREFIX")
  statuses = {}
end

function request()
  sent = sent + 1
  local code = string.format("%s%d%07d", code_prefix, id, sent)
  if with_message_id then
    headers["X-Message-ID"] = string.format("bench-%d-%d", id, sent)
  end
  return wrk.format("POST", nil, headers, head .. code .. tail)
end

function response(status, hdrs, body)
  if status == expect and ok_body and not body:find(ok_body, 1, true) then
    statuses[status .. "-refused"] = (statuses[status .. "-refused"] or 0) + 1
    failed = failed + 1
  else
    statuses[status] = (statuses[status] or 0) + 1
    if status == expect then answered = answered + 1 else failed = failed + 1 end
  end
  if quota > 0 and (answered >= quota or failed >= 100) then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "statuses"
  for status, n in pairs(total) do
    line = line .. " " .. status .. "=" .. n
  end
  io.write(line .. "\n")
end
