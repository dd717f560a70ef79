#!/usr/bin/env python3
"""Summarises bench/results/capacity-<target>-<n>.json (bench/run.sh capacity) into capacity-summary.json and
prints a Markdown table for docs/benchmarks.md. Ratios pair the runs of one repeat (run n of the product with
run n of the other target), because the runs of one repeat were made back to back on the same machine state."""
import glob
import json
import os
import re
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "bench/results"
runs = []
for path in sorted(glob.glob(os.path.join(d, "capacity-*-*.json"))):
    m = re.match(r"capacity-(\w+)-(\d+)\.json$", os.path.basename(path))
    if not m:
        continue
    r = json.load(open(path))["result"]
    held, broke = r["highestHeld"], r["broke"]
    at_held = next((s for s in r["steps"] if held and s["step"] == held["step"]), None)
    at_broke = next((s for s in r["steps"] if broke and s["step"] == broke["step"]), None)

    def cpu(step):  # CPU seconds over the step's sending, as % of one core
        return None if step is None else {k: round(100 * v / step["sendSeconds"], 1) for k, v in step["cpuSeconds"].items()}

    runs.append({
        "target": m.group(1), "repeat": int(m.group(2)), "file": os.path.basename(path), "generator": r["generator"],
        "loadavgBefore": r["loadavgBefore"], "machineBusyPercentBefore": r.get("machineBusyPercentBefore"),
        "heldStep": held and held["step"], "heldRatePerClient": held and held["ratePerClient"],
        "heldMessagesPerSecond": held and held["messagesPerSecond"], "heldDeliveriesPerSecond": held and held["deliveriesPerSecond"],
        "heldP50Ms": held and held["p50Ms"], "heldP99Ms": held and held["p99Ms"],
        "heldCpuPercentOfOneCore": cpu(at_held), "heldMachineBusyPercent": at_held and at_held["machineBusyPercent"],
        "brokeAtStep": broke and broke["step"], "brokeBy": broke and broke["brokeBy"], "brokeP99Ms": broke and broke["p99Ms"],
        "brokeLoss": broke and broke["loss"], "brokeFailed": broke and broke["failed"],
        "brokeCpuPercentOfOneCore": cpu(at_broke), "brokeMachineBusyPercent": at_broke and at_broke["machineBusyPercent"],
        "steps": [{"step": s["step"], "messagesPerSecond": s["messagesPerSecond"], "deliveriesPerSecond": s["deliveriesPerSecond"],
                   "p50Ms": s["latency"]["p50Ms"], "p99Ms": s["latency"]["p99Ms"], "cpuSeconds": s["cpuSeconds"],
                   "machineBusyPercent": s["machineBusyPercent"], "held": s["held"]} for s in r["steps"]],
    })

def held(target, repeat):
    return next((x["heldDeliveriesPerSecond"] for x in runs if x["target"] == target and x["repeat"] == repeat), None)

def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None

repeats = sorted({x["repeat"] for x in runs})
targets = sorted({x["target"] for x in runs})
out = {
    "spread": {t: {"heldDeliveriesPerSecond": [held(t, n) for n in repeats]} for t in targets},
    "ratios": [{"repeat": n, "productOverSocketio": ratio(held("product", n), held("socketio", n)),
                "productOverBaseline": ratio(held("product", n), held("baseline", n))} for n in repeats],
    "runs": runs,
}
json.dump(out, open(os.path.join(d, "capacity-summary.json"), "w"), indent=2)

def fmt(v):
    return "-" if v is None else f"{v:,.0f}" if isinstance(v, (int, float)) and v >= 100 else str(v)

print("| run | target | loadavg before (busy before) | highest step held | messages/s | deliveries/s | p50 / p99 held (ms) | broke at | by | p99 at break (ms) | CPU at held step (% of one core) | machine busy |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for x in sorted(runs, key=lambda x: (x["repeat"], x["target"])):
    c = x["heldCpuPercentOfOneCore"] or {}
    print(f"| {x['repeat']} | {x['target']} | {' '.join(x['loadavgBefore'].split()[:3])} ({x['machineBusyPercentBefore']}%) | {x['heldStep']} ({x['heldRatePerClient']}/s per client) "
          f"| {fmt(x['heldMessagesPerSecond'])} | {fmt(x['heldDeliveriesPerSecond'])} | {x['heldP50Ms']} / {x['heldP99Ms']} "
          f"| {x['brokeAtStep']} | {', '.join(x['brokeBy'] or [])} | {x['brokeP99Ms']} | {', '.join(f'{k} {v}' for k, v in c.items())} | {x['heldMachineBusyPercent']}% |")
print()
for r in out["ratios"]:
    print(f"repeat {r['repeat']}: product/socketio {r['productOverSocketio']}, product/baseline {r['productOverBaseline']}")
