"""Summarises bench/run.sh's runs as Markdown: medians per server and mode, ConnectMock/baseline ratios, targets.

usage: report.py RUNS_TSV LOGGED_TSV [SMALL_REQUESTS SMALL_RSS_KB LARGE_REQUESTS LARGE_RSS_KB]
"""
import csv
import statistics
import sys

CM, BL = "connectmock", "baseline"


def median(rows, key):
    return statistics.median(float(r[key]) for r in rows)


def fmt_ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def main():
    runs = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
    logged = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
    memory = sys.argv[3:]
    out = []
    if runs:
        rounds = len({r["round"] for r in runs})
        out.append(f"## Throughput and latency (medians of {rounds} round(s); ratio = ConnectMock / baseline)")
        out.append("")
        out.append("| mode | server | req/s | p50 ms | p99 ms | peak RSS MB | socket errors |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        ratios = []
        for mode in ("unique", "fixed"):
            med = {}
            for server in (CM, BL):
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
        out.append("")
        start = {s: statistics.median(float(r["start_ms"]) for r in runs if r["server"] == s) for s in (CM, BL)}
        n = len([r for r in runs if r["server"] == CM])
        out.append(f"Start time, process start to the first 200 of PUT /contact/chat (median of {n} starts each): "
                   f"ConnectMock {start[CM]:.0f} ms, baseline {start[BL]:.0f} ms, ratio **{fmt_ratio(start[CM], start[BL])}**.")
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


if __name__ == "__main__":
    main()
