"""What Redis did between two snapshots of bench/lib.sh's bench_redis_snapshot (INFO cpu + INFO commandstats).

usage: redis_cost.py BEFORE AFTER
Prints "name value" lines: cpu_us (used_cpu_sys + used_cpu_user: the whole process, the commands' execution and the
network I/O around them), then for every command called in between, cmd:NAME:calls and cmd:NAME:usec (commandstats:
execution time only; a command a Lua script runs is counted under its own name as well as inside EVALSHA's usec).
The snapshots' own INFO calls are left out.
"""
import sys


def read(path):
    cpu, commands = 0.0, {}
    for line in open(path):
        key, _, value = line.strip().partition(":")
        if key in ("used_cpu_sys", "used_cpu_user"):
            cpu += float(value)
        elif key.startswith("cmdstat_"):
            fields = dict(kv.split("=") for kv in value.split(","))
            commands[key[len("cmdstat_"):]] = (int(fields["calls"]), int(fields["usec"]))
    return cpu, commands


def main():
    cpu0, before = read(sys.argv[1])
    cpu1, after = read(sys.argv[2])
    print(f"cpu_us {(cpu1 - cpu0) * 1e6:.0f}")
    for name, (calls, usec) in sorted(after.items()):
        calls0, usec0 = before.get(name, (0, 0))
        if name != "info" and calls > calls0:
            print(f"cmd:{name}:calls {calls - calls0}")
            print(f"cmd:{name}:usec {usec - usec0}")


if __name__ == "__main__":
    main()
