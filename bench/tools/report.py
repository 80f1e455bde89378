"""Summarises bench/run.sh's runs as Markdown: medians per server and mode, ConnectMock/baseline ratios, targets;
with --redis, what the Redis store adds per call and what Redis itself spends.

usage: report.py RUNS_TSV LOGGED_TSV REDIS_TSV [SMALL_REQUESTS SMALL_RSS_KB LARGE_REQUESTS LARGE_RSS_KB]
(REDIS_TSV need not exist: no --redis.)
"""
import csv
import os
import statistics
import sys
from collections import defaultdict

CM, BL, CR = "connectmock", "baseline", "connectmock-redis"


def median(rows, key):
    return statistics.median(float(r[key]) for r in rows)


def fmt_ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def main():
    runs = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
    logged = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
    redis = list(csv.DictReader(open(sys.argv[3]), delimiter="\t")) if os.path.exists(sys.argv[3]) else []
    memory = sys.argv[4:]
    out = []
    if runs:
        rounds = len({r["round"] for r in runs})
        out.append(f"## Throughput and latency (medians of {rounds} round(s); ratio = ConnectMock / baseline)")
        out.append("")
        out.append("| mode | server | req/s | p50 ms | p99 ms | peak RSS MB | socket errors |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        ratios = []
        added = []
        for mode in ("unique", "fixed"):
            med = {}
            for server in (CM, BL, CR):
                rows = [r for r in runs if r["mode"] == mode and r["server"] == server]
                if not rows:
                    continue
                med[server] = {k: median(rows, k) for k in ("rps", "p50_us", "p99_us", "peak_rss_kb")}
                errors = sum(int(r["socket_errors"]) for r in rows)
                m = med[server]
                out.append(f"| {mode} | {server} | {m['rps']:,.0f} | {m['p50_us'] / 1000:.2f} | {m['p99_us'] / 1000:.2f} "
                           f"| {m['peak_rss_kb'] / 1024:.0f} | {errors} |")
            if CM in med and BL in med:
                c, b = med[CM], med[BL]
                out.append(f"| {mode} | **ratio** | **{fmt_ratio(c['rps'], b['rps'])}** | {fmt_ratio(c['p50_us'], b['p50_us'])} "
                           f"| **{fmt_ratio(c['p99_us'], b['p99_us'])}** | {fmt_ratio(c['peak_rss_kb'], b['peak_rss_kb'])} | |")
                ratios.append((mode, c["rps"] / b["rps"], c["p99_us"] / b["p99_us"]))
            if CM in med and CR in med:
                c, r = med[CM], med[CR]
                out.append(f"| {mode} | **redis / in-memory** | **{fmt_ratio(r['rps'], c['rps'])}** | {fmt_ratio(r['p50_us'], c['p50_us'])} "
                           f"| **{fmt_ratio(r['p99_us'], c['p99_us'])}** | {fmt_ratio(r['peak_rss_kb'], c['peak_rss_kb'])} | |")
                added.append((mode, (r["p50_us"] - c["p50_us"]) / 1000, (r["p99_us"] - c["p99_us"]) / 1000, r["rps"] / c["rps"]))
        out.append("")
        if added:
            out.append("What Redis adds per call (StartChatContact, connectmock-redis minus connectmock, medians): " + "; ".join(
                f"{mode}: p50 {p50:+.2f} ms, p99 {p99:+.2f} ms, throughput x{rps:.2f}" for mode, p50, p99, rps in added) + ".")
            out.append("")
        if redis:
            out.extend(redis_cost(redis))
        servers = [s for s in (CM, BL, CR) if any(r["server"] == s for r in runs)]
        start = {s: statistics.median(float(r["start_ms"]) for r in runs if r["server"] == s) for s in servers}
        n = len([r for r in runs if r["server"] == CM])
        out.append(f"Start time, process start to the first 200 of PUT /contact/chat (median of {n} starts each): "
                   f"ConnectMock {start[CM]:.0f} ms, baseline {start[BL]:.0f} ms, ratio **{fmt_ratio(start[CM], start[BL])}**"
                   + (f"; connectmock-redis {start[CR]:.0f} ms (connecting to Redis included)." if CR in start else "."))
        out.append("")
        cm_logged = [r for r in logged if r["run"].endswith(CM)]
        if cm_logged:
            sent = sum(int(r["sent"]) for r in cm_logged)
            lines = sum(int(r["logged"]) for r in cm_logged)
            out.append(f"Request logging (ConnectMock, default configuration): {lines:,} request log lines for {sent:,} requests"
                       f" ({100.0 * lines / sent:.1f}%; wrk counts only completed requests, so up to one in-flight request per"
                       f" connection per run can put this above 100%; below 100% means the async sink dropped lines).")
            out.append("")
        out.append("Targets of issue 6 (informational here; the smoke run asserts none of them):")
        for mode, rps_ratio, p99_ratio in ratios:
            out.append(f"- {mode}: throughput {rps_ratio:.0%} of baseline (target >= 90%): {'met' if rps_ratio >= 0.9 else 'NOT met'}; "
                       f"p99 {p99_ratio:.2f}x baseline (target <= 1.5x): {'met' if p99_ratio <= 1.5 else 'NOT met'}")
        if start[BL]:
            s = start[CM] / start[BL]
            out.append(f"- start time {s:.2f}x baseline (target <= 1.2x): {'met' if s <= 1.2 else 'NOT met'}")
        out.append("")
        out.append("Every run (rps, latency in microseconds, peak RSS = VmHWM in kB):")
        out.append("")
        out.append("| round | mode | server | start ms | req/s | p50 us | p99 us | max us | peak RSS kB | requests | socket errors |")
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in runs:
            out.append("| " + " | ".join(r[k] for k in ("round", "mode", "server", "start_ms", "rps", "p50_us", "p99_us",
                                                       "max_us", "peak_rss_kb", "requests", "socket_errors")) + " |")
        out.append("")
    if memory:
        small_n, small_kb, large_n, large_kb = (int(x) for x in memory)
        ratio = large_kb / small_kb
        out.append("## Memory growth (ConnectMock, unique ClientTokens, default store bounds)")
        out.append("")
        out.append(f"Peak RSS (VmHWM) after {small_n:,} requests: {small_kb / 1024:.0f} MB; after {large_n:,} requests: "
                   f"{large_kb / 1024:.0f} MB; ratio **{ratio:.2f}** (target <= 1.2: {'met' if ratio <= 1.2 else 'NOT met'}; "
                   f"under 250 MB: {'met' if large_kb < 250 * 1024 else 'NOT met'}).")
        mem_logged = [r for r in logged if r["run"] == "memory connectmock"]
        if mem_logged:
            r = mem_logged[0]
            out.append(f"Request log lines in that run: {int(r['logged']):,} for {int(r['sent']):,} requests.")
        out.append("")
    print("\n".join(out))


def redis_cost(redis):
    """Redis's own cost per StartChatContact, from bench/tools/redis_cost.py's figures of each measured run."""
    runs = defaultdict(dict)  # (round, mode) -> {"requests": n, name: value}
    for r in redis:
        runs[(r["round"], r["mode"])]["requests"] = int(r["requests"])
        runs[(r["round"], r["mode"])][r["name"]] = float(r["value"])
    out = ["Redis's own cost (INFO cpu: used_cpu_sys + used_cpu_user; INFO commandstats: execution only, a command a Lua "
           "script runs counted under its own name too), per StartChatContact of the measured runs, medians over rounds; "
           "Redis runs commands on one thread, so 1e6 / (CPU us per call) bounds the calls per second one Redis serves:",
           "", "| mode | Redis CPU us per call | bound, calls/s | commands per call (calls, us per call) |", "|---|---:|---:|---|"]
    for mode in ("unique", "fixed"):
        rows = [v for (_, m), v in runs.items() if m == mode and v["requests"]]
        if not rows:
            continue
        cpu = statistics.median(v.get("cpu_us", 0) / v["requests"] for v in rows)
        names = sorted({k.split(":")[1] for v in rows for k in v if k.startswith("cmd:")})
        per = []
        for name in names:
            calls = statistics.median(v.get(f"cmd:{name}:calls", 0) / v["requests"] for v in rows)
            usec = statistics.median(v.get(f"cmd:{name}:usec", 0) / max(v.get(f"cmd:{name}:calls", 0), 1) for v in rows)
            if calls >= 0.01:  # not the stray calls of a warm-up's tail
                per.append((calls, name, usec))
        commands = ", ".join(f"{name.upper()} {calls:.2f} ({usec:.1f} us)" for calls, name, usec in sorted(per, reverse=True))
        out.append(f"| {mode} | **{cpu:.1f}** | {1e6 / cpu:,.0f} | {commands} |" if cpu else f"| {mode} | 0 | - | {commands} |")
    out.append("")
    return out


if __name__ == "__main__":
    main()
