#!/usr/bin/env python3
"""Where a circuit's live heap goes (issue 13): the growth of each type between two dotnet-gcdump snapshots,
divided by the circuits opened between them, largest first.

    python3 bench/gcdump_diff.py BEFORE.gcdump AFTER.gcdump CIRCUITS [TOP]

dotnet-gcdump's report gives each type's average object size and count, in rows split by object size
("(Bytes > 10K)"); a row's bytes are size x count, summed per type here.
"""
import re
import subprocess
import sys
from collections import defaultdict

ROW = re.compile(r"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*(\(Bytes > [^)]*\))?\s*\[[^\]]*\]\s*$")


def types(path):
    report = subprocess.run(["dotnet", "tool", "run", "dotnet-gcdump", "report", path],
                            check=True, capture_output=True, text=True).stdout
    totals = defaultdict(lambda: [0, 0])
    for line in report.splitlines():
        if m := ROW.match(line):
            size, count = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
            totals[m.group(3)][0] += size * count
            totals[m.group(3)][1] += count
    return totals


def main():
    before, after, circuits = types(sys.argv[1]), types(sys.argv[2]), int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    growth = {t: (after[t][0] - before.get(t, [0, 0])[0], after[t][1] - before.get(t, [0, 0])[1]) for t in after}
    total = sum(b for b, _ in growth.values())
    print(f"{total / circuits / 1024:10.1f} KB per circuit in all ({circuits} circuits)")
    print(f"{'bytes/circuit':>14} {'objects/circuit':>16}  type")
    for name, (size, count) in sorted(growth.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"{size / circuits:14,.0f} {count / circuits:16.1f}  {name}")


main()
