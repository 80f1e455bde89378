"""Counts the results of every suite (TRX and JUnit XML) and prints the line "N passed, M failed".

usage: summarize.py RESULTS_DIR [FAILED_SUITE...]
A suite that exited non-zero without reporting any failure counts as one failed test, so that a
crash or a failed install can never look green. Exits 1 when anything failed.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

TRX = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def count_trx(path):
    counters = ET.parse(path).getroot().find(f"{TRX}ResultSummary/{TRX}Counters")
    passed = int(counters.get("passed", 0))
    failed = sum(int(counters.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    return passed, failed


def count_junit(path):
    root = ET.parse(path).getroot()
    passed = failed = 0
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is None:
            passed += 1
    return passed, failed


def main():
    results = pathlib.Path(sys.argv[1])
    failed_suites = set(sys.argv[2:])
    total_passed = total_failed = 0
    for suite in sorted(p for p in results.iterdir() if p.is_dir()):
        passed = failed = 0
        for path in sorted(suite.rglob("*")):
            if path.suffix == ".trx":
                p, f = count_trx(path)
            elif path.suffix == ".xml":
                p, f = count_junit(path)
            else:
                continue
            passed, failed = passed + p, failed + f
        if suite.name in failed_suites and failed == 0:
            print(f"suite {suite.name} exited with an error but reported no failed test: counted as 1 failed")
            failed = 1
        print(f"suite {suite.name}: {passed} passed, {failed} failed")
        total_passed, total_failed = total_passed + passed, total_failed + failed
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
