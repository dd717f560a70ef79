#!/usr/bin/env python3
"""Where a .NET process's CPU went (issue 13): a `perf record -g` of it, folded by frame, exclusive and inclusive.

    DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0  (in the process's environment)
    perf record -e cpu-clock -F 999 -g -p PID -o perf.data -- sleep 25
    python3 bench/perf_fold.py perf.data PID [TOP]

JIT-compiled frames are named from the runtime's /tmp/perf-PID.map. Without ReadyToRun=0 the framework's precompiled
code shows only as its image, and without EnableWriteXorExecute=0 perf reports JIT code by its offset in the runtime's
double mapping, which the map cannot name.
"""
import bisect
import collections
import re
import subprocess
import sys

TIER = re.compile(r"\[(OptimizedTier1OSR|OptimizedTier1|Optimized|Tier0|Tier1|QuickJitted|Instrumented)\]")
ADDRESS = re.compile(r"\s*([0-9a-f]+)\s+(.*)$")


def parse_frame(line):
    """(address, symbol, image) of one `ip sym (dso)` line; the image is the last balanced parenthesis, since both a
    symbol ("f(int)") and an image ("memfd:doublemapper (deleted)") may hold parentheses of their own."""
    m = ADDRESS.match(line)
    if not m or not m.group(2).endswith(")"):
        return None
    rest, depth = m.group(2), 0
    for i in range(len(rest) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(rest[i], 0)
        if depth == 0:
            return int(m.group(1), 16), rest[:i].strip(), rest[i + 1:-1]
    return None


def perf_map(pid):
    rows, path = [], f"/tmp/perf-{pid}.map"
    try:
        lines = open(path).readlines()
    except FileNotFoundError:
        sys.exit(f"no {path}: start the process with DOTNET_PerfMapEnabled=1")
    for line in lines:
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            rows.append((int(parts[0], 16), int(parts[1], 16), TIER.sub("", parts[2])[:150]))
    rows.sort()
    return rows, [r[0] for r in rows]


def main():
    data, pid = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rows, starts = perf_map(pid)

    def name(address, symbol, image):
        if symbol and symbol != "[unknown]":
            return TIER.sub("", symbol)[:150]
        i = bisect.bisect_right(starts, address) - 1
        if i >= 0 and rows[i][0] <= address < rows[i][0] + rows[i][1]:
            return rows[i][2]
        return "?" + image.split("/")[-1]

    script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"], capture_output=True, text=True, check=True).stdout
    exclusive, inclusive, samples, stack = collections.Counter(), collections.Counter(), 0, []
    for line in script.splitlines() + [""]:
        if line.strip():
            if parsed := parse_frame(line):
                stack.append(name(*parsed))
            continue
        if stack:
            samples += 1
            exclusive[stack[0]] += 1
            inclusive.update(set(stack))
        stack = []
    if samples < 2:
        sys.exit(f"{samples} samples in {data}: a recording of process {pid} with call stacks (perf record -g) is needed")
    print(f"{samples} samples")
    for title, counts in (("exclusive", exclusive), ("inclusive", inclusive)):
        print(f"--- {title}")
        for frame, count in counts.most_common(top):
            print(f"{count * 100 / samples:6.2f}%  {frame}")


if __name__ == "__main__":
    main()
