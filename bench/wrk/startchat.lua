-- wrk script for PUT /contact/chat (StartChatContact) with a valid ~400-byte body.
--
--   wrk -t1 -c32 -d10s -s bench/wrk/startchat.lua http://127.0.0.1:PORT -- MODE RUN_ID [check]
--
-- MODE unique: every request has its own ClientToken (RUN_ID-THREAD-COUNTER), so the store grows.
-- MODE fixed:  every request has the same ClientToken (RUN_ID-fixed), so all but the first are idempotent replays.
-- "check" defines response(), which counts every status other than 200 exactly; wrk then parses every
-- response's headers and body, which costs the load generator CPU, so the timed runs leave it off and rely on
-- wrk's own count of 4xx/5xx (summary.errors.status).
-- done() prints one machine-readable line: "BENCH key=value ...", latencies in microseconds.

local threads = {}
local next_thread_id = 1

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

local mode, run_id, prefix, suffix, fixed_request
local counter = 0
local non200 = 0
local headers = { ["Content-Type"] = "application/json" }

local function body(token)
  return prefix .. token .. suffix
end

function init(args)
  mode = args[1] or "unique"
  run_id = args[2] or "0"
  prefix = '{"InstanceId":"11111111-2222-3333-4444-555555555555",'
    .. '"ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",'
    .. '"ParticipantDetails":{"DisplayName":"Jane Doe"},'
    .. '"Attributes":{"orderId":"ORD-1001","customer_tier":"gold","channel":"web-widget"},'
    .. '"InitialMessage":{"ContentType":"text/plain","Content":"Hello, I need help with my order, it has not arrived yet."},'
    .. '"ClientToken":"'
  suffix = '","ChatDurationInMinutes":60,"SupportedMessagingContentTypes":["text/plain","text/markdown"]}'
  if mode == "fixed" then
    fixed_request = wrk.format("PUT", "/contact/chat", headers, body(string.format("bench-%s-fixed-token", run_id)))
  elseif mode ~= "unique" then
    error("mode must be unique or fixed, not " .. mode)
  end
  if args[3] == "check" then
    checking = true
    response = function(status)
      if status ~= 200 then
        non200 = non200 + 1
      end
    end
  end
end

function request()
  if fixed_request then
    return fixed_request
  end
  counter = counter + 1
  return wrk.format("PUT", "/contact/chat", headers, body(string.format("bench-%s-%d-%d", run_id, thread_id, counter)))
end

function done(summary, latency, requests)
  local checked, non200_total = false, 0
  for _, thread in ipairs(threads) do
    local n = thread:get("non200")
    if thread:get("checking") then
      checked = true
    end
    non200_total = non200_total + (n or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d status_errors=%d non200=%s connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, checked and tostring(non200_total) or "unchecked", e.connect, e.read, e.write, e.timeout))
end
