"""Summarises bench/chat.sh's runs.tsv: medians over rounds per server, ratios to the baseline, and issue 19's targets;
with --redis, what the Redis store adds per message and what Redis itself spends.

usage: chat_report.py RUNS_TSV [--no-targets]
"""
import statistics
import sys
from collections import defaultdict


def main():
    path = sys.argv[1]
    targets = "--no-targets" not in sys.argv
    values = defaultdict(list)  # (server, name) -> [value per round]
    round_names = set()
    with open(path) as f:
        next(f)
        for line in f:
            round_, server, name, value = line.rstrip("\n").split("\t")
            values[(server, name)].append(float(value))
            if round_.isdigit():
                round_names.add(round_)

    def med(server, name):
        v = values.get((server, name))
        return statistics.median(v) if v else None

    def fmt(x, scale=1.0, digits=1):
        if x is None:
            return "-"
        if x == float("inf"):
            return "inf"
        return f"{x / scale:,.{digits}f}"

    servers = [s for s in ("connectmock", "baseline", "connectmock-redis") if any(k[0] == s for k in values)]
    rounds = len(round_names)
    stages = sorted({int(n.split("_")[1]) for (_, n) in values if n.startswith("idle_") and n.endswith("_rss_kb")})
    rate = next((n.split("_")[1] for (_, n) in values if n.startswith("rate_") and n.endswith("_p99_us")), None)

    print(f"Medians of {rounds} round(s) per server; ConnectMock / baseline ratios in bold"
          + ("; connectmock-redis is the same build on the Redis store." if "connectmock-redis" in servers else "."))
    print()
    print("**Open chats, idle** (each chat: StartChatContact, CreateParticipantConnection, the customer's socket "
          "subscribed to aws/chat, aws/ping and aws/heartbeat every 10 s as chatjs sends them)")
    print()
    print("| chats | server | RSS MB | RSS per chat KB | marginal KB per chat | CPU at idle (% of a core) | answers/s | missed answers |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for stage in stages:
        for s in servers:
            print(f"| {stage:,} | {s} | {fmt(med(s, f'idle_{stage}_rss_kb'), 1024)} | {fmt(med(s, f'idle_{stage}_rss_per_chat_b'), 1024)} "
                  f"| {fmt(med(s, f'idle_{stage}_marginal_per_chat_b'), 1024)} | {fmt(med(s, f'idle_{stage}_cpu_pct'))} "
                  f"| {fmt(med(s, f'idle_{stage}_answers_per_s'), 1, 0)} | {fmt(med(s, f'idle_{stage}_missed_answers'), 1, 0)} |")
    print()

    if rate:
        print(f"**Messages** with {stages[-1] if stages else '?':,} chats open: customers' SendMessage to the frame on the "
              "bot's socket of the same chat")
        print()
        print(f"| server | p50 ms at {rate}/s | p99 ms at {rate}/s | p99.9 ms | lost | server CPU % | highest rate with p99 < 10 ms |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for s in servers:
            print(f"| {s} | {fmt(med(s, f'rate_{rate}_p50_us'), 1000, 2)} | {fmt(med(s, f'rate_{rate}_p99_us'), 1000, 2)} "
                  f"| {fmt(med(s, f'rate_{rate}_p999_us'), 1000, 2)} | {fmt(med(s, f'rate_{rate}_lost'), 1, 0)} "
                  f"| {fmt(med(s, f'rate_{rate}_cpu_pct'), 1, 0)} | {fmt(med(s, 'max_rate_p99_under_10ms'), 1, 0)}/s |")
        if "connectmock" in servers and "baseline" in servers:
            p99 = ratio(med("connectmock", f"rate_{rate}_p99_us"), med("baseline", f"rate_{rate}_p99_us"))
            top = ratio(med("connectmock", "max_rate_p99_under_10ms"), med("baseline", "max_rate_p99_under_10ms"))
            print(f"| **ratio** | | **{fmt(p99, 1, 2)}** | | | | **{fmt(top, 1, 2)}** |")
        if "connectmock" in servers and "connectmock-redis" in servers:
            p99 = ratio(med("connectmock-redis", f"rate_{rate}_p99_us"), med("connectmock", f"rate_{rate}_p99_us"))
            top = ratio(med("connectmock-redis", "max_rate_p99_under_10ms"), med("connectmock", "max_rate_p99_under_10ms"))
            print(f"| **redis / in-memory** | | **{fmt(p99, 1, 2)}** | | | | **{fmt(top, 1, 2)}** |")
        print()
        per_round = {s: values.get((s, "max_rate_p99_under_10ms"), []) for s in servers}
        if any(per_round.values()):
            print("Highest rate per round: " + "; ".join(
                f"{s} {', '.join(f'{v:,.0f}' for v in per_round[s])}" for s in servers) + ".")
            print()
        if "connectmock" in servers and "connectmock-redis" in servers:
            print(redis_adds(med, rate, stages))
            print()
            commands = redis_commands(values)
            if commands:
                print(commands)
                print()

    churn = connectmock_values(values, "churn_")
    if churn:
        print("**Churn** (ConnectMock): chats started, a message sent and heard, the customer disconnected, the socket "
              "closed by the server, continuously")
        print()
        print("| chats | chats/s | RSS at warm-up end MB | highest RSS after MB | ratio | handles (sockets) before / after | "
              "store contacts | pending timers before / after | failures |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        timers = (f"{churn['churn_timers_before']:.0f} / {churn['churn_timers_after']:.0f}"
                  if "churn_timers_before" in churn else "no clock endpoint")
        print(f"| {churn.get('churn_chats', 0):,.0f} | {churn.get('churn_chats_per_s', 0):,.0f} "
              f"| {fmt(churn.get('churn_rss_at_warmup_kb'), 1024)} | {fmt(churn.get('churn_rss_max_after_warmup_kb'), 1024)} "
              f"| {fmt(churn.get('churn_rss_ratio'), 1, 2)} | {churn.get('churn_handles_before', 0):.0f} ({churn.get('churn_sockets_before', 0):.0f}) / {churn.get('churn_handles_after', 0):.0f} ({churn.get('churn_sockets_after', 0):.0f}) "
              f"| {churn.get('churn_store_contacts', 0):,.0f} | {timers} | {churn.get('churn_failures', 0):.0f} |")
        print()

    transcript = connectmock_values(values, "transcript_")
    if transcript:
        print("**GetTranscript** (ConnectMock), chatjs's request (BACKWARD, ASCENDING, StartPosition {}): latency over "
              "HTTP, one call at a time; bytes allocated per call in process (the in-memory test server's share included)")
        print()
        print("| transcript | page | p50 ms | p99 ms | allocated per call |")
        print("|---|---:|---:|---:|---:|")
        for name in ("short", "full"):
            for page in (15, 100):
                alloc = transcript.get(f"transcript_{name}_{page}_alloc_b")
                print(f"| {name} | {page} | {fmt(transcript.get(f'transcript_{name}_{page}_p50_us'), 1000, 2)} "
                      f"| {fmt(transcript.get(f'transcript_{name}_{page}_p99_us'), 1000, 2)} "
                      f"| {fmt(alloc, 1, 0)} B |")
        print()

    if not targets:
        return 0

    print("**Targets of issue 19**")
    print()
    print("| target | figure | met |")
    print("|---|---|---|")
    rows = []
    if stages:
        top = stages[-1]
        rss = med("connectmock", f"idle_{top}_rss_kb")
        rows.append((f"{top:,} open chats heartbeating: RSS < 300 MB", f"{fmt(rss, 1024)} MB", rss is not None and rss / 1024 < 300))
        missed = med("connectmock", f"idle_{top}_missed_answers")
        rows.append(("every ping and heartbeat answered", f"{fmt(missed, 1, 0)} missed", missed == 0))
    if rate and "baseline" in servers and "connectmock" in servers:
        top = ratio(med("connectmock", "max_rate_p99_under_10ms"), med("baseline", "max_rate_p99_under_10ms"))
        rows.append(("delivery throughput >= 0.8x the baseline (highest rate with p99 < 10 ms)", f"{fmt(top, 1, 2)}x", top is not None and top >= 0.8))
        p99 = med("connectmock", f"rate_{rate}_p99_us")
        rows.append((f"p99 < 10 ms at {rate} msg/s", f"{fmt(p99, 1000, 2)} ms", p99 is not None and p99 < 10_000))
        r = ratio(p99, med("baseline", f"rate_{rate}_p99_us"))
        rows.append((f"p99 <= 2x the baseline's at {rate} msg/s", f"{fmt(r, 1, 2)}x", r is not None and r <= 2))
    if churn:
        rows.append(("churn: RSS flat (<= 1.2x after warm-up)", f"{fmt(churn.get('churn_rss_ratio'), 1, 2)}x", churn.get("churn_rss_ratio", 9) <= 1.2))
        s0, s1 = churn.get("churn_sockets_before", 0), churn.get("churn_sockets_after", 0)
        rows.append(("churn: no socket left behind (sockets after <= before)", f"{s0:.0f} -> {s1:.0f}", s1 <= s0))
        if "churn_timers_before" in churn:
            t0, t1 = churn["churn_timers_before"], churn["churn_timers_after"]
            rows.append(("churn: no timer left behind (pending timers after <= before + 2)", f"{t0:.0f} -> {t1:.0f}", t1 <= t0 + 2))
    if transcript:
        for page in (15, 100):
            short, full = transcript.get(f"transcript_short_{page}_alloc_b"), transcript.get(f"transcript_full_{page}_alloc_b")
            if short and full:
                rows.append((f"GetTranscript of {page}: allocations do not grow with the transcript (full <= 1.1x short)",
                             f"{full:,.0f} vs {short:,.0f} B", full <= short * 1.1))
    for name, figure, met in rows:
        print(f"| {name} | {figure} | {'**met**' if met else '**NOT met**'} |")
    print()
    return 0


def redis_adds(med, rate, stages):
    """What the Redis store adds per message, and what Redis spends on one."""
    def diff(name):
        a, b = med("connectmock-redis", name), med("connectmock", name)
        return None if a is None or b is None else a - b

    top = ratio(med("connectmock-redis", "max_rate_p99_under_10ms"), med("connectmock", "max_rate_p99_under_10ms"))
    us = med("connectmock-redis", f"rate_{rate}_redis_cpu_us_per_msg")
    idle = med("connectmock-redis", f"idle_{stages[-1]}_redis_cpu_pct") if stages else None
    text = (f"What Redis adds per message (connectmock-redis minus connectmock, medians): delivery p50 "
            f"{signed(diff(f'rate_{rate}_p50_us'))} ms, p99 {signed(diff(f'rate_{rate}_p99_us'))} ms at {rate}/s; highest rate "
            f"with p99 < 10 ms x{fmt_plain(top)}.")
    if us is not None:
        text += (f" Redis's own CPU (its process's utime + stime over the {rate}/s window, divided by the messages sent): "
                 f"**{us:,.0f} us per SendMessage**, so one Redis thread delivers at most about {1e6 / us:,.0f} messages/s"
                 if us else " Redis's own CPU over that window: under the 10 ms a /proc tick measures")
        text += (f"; with {stages[-1]:,} chats idle, Redis used {idle:.1f}% of a core (heartbeats)." if idle is not None else ".")
    return text


def redis_commands(values):
    """Redis's commands over a whole connectmock-redis chats run (INFO commandstats, execution time only)."""
    runs = defaultdict(dict)
    for (server, name), v in values.items():
        if server == "connectmock-redis" and name.startswith("redis_cmd:"):
            runs[name.split(":")[1]][name.split(":")[2]] = statistics.median(v)
    if not runs:
        return ""
    cpu = statistics.median(values.get(("connectmock-redis", "redis_cpu_us"), [0]))
    order = sorted(runs, key=lambda n: -runs[n].get("usec", 0))
    return (f"Redis over a whole connectmock-redis run (opening the chats, idle windows, messages; medians): CPU "
            f"{cpu / 1e6:.1f} s; commands (calls, us per call): "
            + ", ".join(f"{n.upper()} {runs[n].get('calls', 0):,.0f} ({runs[n].get('usec', 0) / max(runs[n].get('calls', 1), 1):.1f})"
                        for n in order[:8]) + ".")


def signed(x):
    return "-" if x is None else f"{x / 1000:+.2f}"


def fmt_plain(x):
    return "-" if x is None else f"{x:.2f}"


def connectmock_values(values, prefix):
    """ConnectMock's figures whose names start with prefix, name -> value (a section measured once, not per round)."""
    return {n: v[0] for (s, n), v in values.items() if s == "connectmock" and n.startswith(prefix)}


def ratio(a, b):
    return a / b if a is not None and b else None


if __name__ == "__main__":
    sys.exit(main())
