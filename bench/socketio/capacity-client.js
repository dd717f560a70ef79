// Capacity load client for the Socket.IO server (issue 13): the algorithm of bench/CollabApp.LoadTool's
// CapacityMode.cs in Node, writing the same JSON, so the three targets are judged the same way.
// C clients round-robin over the URLs, client i in room i % R, every client sending; the per-client rate
// starts at --start-rate and is multiplied by --factor every --step seconds until a step breaks (p99
// send-to-delivery above --p99-limit ms, a delivery lost, or a send failed). Each step is judged on its own
// messages after waiting at most --drain s for their acks and deliveries. Latency runs from the moment a message
// was due (a generator that falls behind shows as latency). CPU of --procs name=pid,... (each with its
// descendants) and of this process from /proc, per step.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const { performance } = require("node:perf_hooks");
const { setTimeout: sleep, setImmediate: yieldToLoop } = require("node:timers/promises");
const { io } = require("socket.io-client");

const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat times (see ProcessCpu.cs)
const TAG = "cap";

function parseOptions(argv) {
  const values = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith("--")) throw new Error(`unexpected argument '${argv[i]}'`);
    const name = argv[i].slice(2);
    values[name] = i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : true;
  }
  return values;
}

function loopbackUrls(value) {
  const urls = String(value || "http://127.0.0.1:5201").split(",").map((u) => u.trim()).filter(Boolean);
  for (const u of urls) {
    const host = new URL(u).hostname.replace(/^\[|\]$/g, "");
    if (!(host === "localhost" || host === "::1" || /^127\./.test(host))) throw new Error(`refusing ${u}: loopback only`);
  }
  return urls;
}

// --- CPU from /proc (same rules as ProcessCpu.cs) ---
function readStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // exited between listing and reading
  }
}

function machineTicks() {
  const values = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: values.reduce((a, b) => a + b, 0), idle: values[3] + values[4] };
}

function cpuSampler(procs) {
  const roots = [];
  for (const pair of String(procs || "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, pid] = pair.split("=");
    if (!name || !(Number(pid) > 0)) throw new Error(`--procs: '${pair}' is not name=pid`);
    roots.push([name, Number(pid)]);
  }
  roots.push(["loadtool", process.pid]);
  return () => {
    const parents = new Map();
    const ticks = new Map();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(entry);
      if (stat) { parents.set(Number(entry), stat.parent); ticks.set(Number(entry), stat.ticks); }
    }
    const seconds = {};
    for (const [name, root] of roots) {
      let sum = 0;
      for (const [pid, t] of ticks) {
        for (let p = pid; p > 1; p = parents.get(p) || 0) if (p === root) { sum += t; break; }
      }
      seconds[name] = sum / TICKS_PER_SECOND;
    }
    return { seconds, machine: machineTicks() };
  };
}

function between(before, after) {
  const seconds = {};
  for (const name of Object.keys(before.seconds)) seconds[name] = Math.round((after.seconds[name] - before.seconds[name]) * 100) / 100;
  const total = after.machine.total - before.machine.total;
  const busy = total - (after.machine.idle - before.machine.idle);
  return { seconds, machineBusyPercent: total > 0 ? Math.round((1000 * busy) / total) / 10 : 0 };
}

const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").trim();

// --- percentiles (nearest rank, as Percentiles.cs) ---
function summary(samples) {
  const round = (v) => Math.round(v * 1000) / 1000;
  if (samples.length === 0) return { samples: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null, meanMs: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(Math.max(Math.ceil(p * sorted.length) - 1, 0), sorted.length - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { samples: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)), maxMs: round(sorted[sorted.length - 1]), meanMs: round(mean) };
}

// --- one step's counters (CapacityStep.cs) ---
function newStep(index, ratePerClient, messages, membersPerRoom) {
  return {
    index, ratePerClient, messages, membersPerRoom,
    delivered: new Uint32Array(Math.ceil((messages * membersPerRoom) / 32) || 1),
    acked: 0, failed: 0, expected: 0, deliveries: 0, duplicates: 0,
    latency: [], ackLatency: [], errors: {},
  };
}

function delivered(step, message, member, ms) {
  if (message < 0 || message >= step.messages || member < 0 || member >= step.membersPerRoom) return;
  const bit = message * step.membersPerRoom + member;
  const word = bit >>> 5, mask = 1 << (bit & 31);
  if (step.delivered[word] & mask) { step.duplicates++; return; }
  step.delivered[word] |= mask;
  step.deliveries++;
  step.latency.push(ms);
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const loadBefore = loadAverage();
  const urls = loopbackUrls(o.urls);
  const clientCount = Number(o.clients ?? 100);
  const roomCount = Number(o.rooms ?? 20);
  const startRate = Number(o["start-rate"] ?? 1);
  const factor = Number(o.factor ?? 1.5);
  const stepMs = Math.min(Number(o.step ?? 10), 120) * 1000;
  const warmupMs = Math.min(Number(o.warmup ?? 5), 120) * 1000;
  const drainMs = Number(o.drain ?? 10) * 1000;
  const p99Limit = Number(o["p99-limit"] ?? 100);
  const maxSteps = Math.min(Number(o["max-steps"] ?? 20), 40);
  const runId = String(o["run-id"] ?? Math.floor(Date.now() / 1000).toString(16));
  const hardStop = setTimeout(() => { console.error("capacity: timeout"); process.exit(3); }, Math.min(Number(o.timeout ?? 300), 1800) * 1000);
  const sample = cpuSampler(o.procs);
  // The machine's busy share over 3 s before any load (servers up, idle): the other work on the machine.
  const idleBefore = sample();
  await sleep(3000);
  const idleBusy = between(idleBefore, sample()).machineBusyPercent;
  if (!(clientCount >= 1 && roomCount >= 1 && clientCount % roomCount === 0 && startRate > 0 && factor > 1)) {
    throw new Error("need clients a multiple of rooms, start-rate > 0 and factor > 1");
  }
  const membersPerRoom = clientCount / roomCount;
  const rooms = Array.from({ length: roomCount }, (_, r) => `c${runId}-room${r}`);
  const steps = new Array(maxSteps + 1).fill(null); // steps[0] is the warm-up

  console.error(`capacity: ${clientCount} clients in ${roomCount} rooms over ${urls.join(", ")}; ${startRate}/s per client x${factor} every ${stepMs / 1000} s`);
  const clients = [];
  for (let i = 0; i < clientCount; i++) {
    const member = Math.floor(i / roomCount);
    const socket = io(urls[i % urls.length], { transports: ["websocket"], forceNew: true, reconnection: false });
    socket.on("roomEvent", (envelope) => {
      const now = performance.now();
      if (envelope?.type !== "message") return;
      const parts = String(envelope.data?.text ?? "").split("|");
      if (parts.length !== 4 || parts[0] !== TAG) return;
      const step = steps[Number(parts[1])];
      if (step) delivered(step, Number(parts[2]), member, now - Number(parts[3]));
    });
    await new Promise((resolve, reject) => { socket.once("connect", resolve); socket.once("connect_error", reject); });
    await socket.timeout(10000).emitWithAck("JoinRoom", rooms[i % roomCount], null);
    clients.push(socket);
  }

  async function runStep(index, rate, lengthMs) {
    const total = rate * clientCount;
    const count = Math.round((total * lengthMs) / 1000);
    const step = newStep(index, rate, count, membersPerRoom);
    steps[index] = step;
    const pending = [];
    const start = performance.now();
    for (let k = 0; k < count; k++) {
      const due = start + (k / total) * 1000;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      else if (k % 64 === 0) await yieldToLoop(); // let deliveries in while catching up
      const sender = k % clientCount;
      const text = `${TAG}|${index}|${k}|${due}`;
      pending.push(clients[sender].timeout(drainMs).emitWithAck("SendMessage", rooms[sender % roomCount], crypto.randomUUID(), text).then(
        () => { step.expected += membersPerRoom; step.acked++; step.ackLatency.push(performance.now() - due); },
        (e) => { step.failed++; const code = String(e?.message ?? e).slice(0, 80); step.errors[code] = (step.errors[code] || 0) + 1; }));
    }
    const sendMs = performance.now() - start;
    const cpuAfter = sample();
    const deadline = performance.now() + drainMs;
    await Promise.race([Promise.all(pending), sleep(drainMs)]);
    while (step.deliveries < step.expected && performance.now() < deadline) await sleep(20);
    return { step, sendSeconds: sendMs / 1000, cpuAfter, unacknowledged: pending.length - step.acked - step.failed };
  }

  function judge(step, sendSeconds, cpu, unacknowledged) {
    const latency = summary(step.latency);
    const loss = step.expected - step.deliveries;
    const brokeBy = [];
    if (step.failed > 0 || unacknowledged > 0) brokeBy.push("failure");
    if (loss > 0) brokeBy.push("loss");
    if (latency.p99Ms === null || latency.p99Ms > p99Limit) brokeBy.push("latency");
    const seconds = Math.max(0.001, sendSeconds);
    const r1 = (v) => Math.round(v * 10) / 10;
    return {
      step: step.index, ratePerClient: step.ratePerClient, targetMessagesPerSecond: r1(step.ratePerClient * clientCount),
      sent: step.messages, acked: step.acked, failed: step.failed, unacknowledged, errors: step.errors,
      messagesPerSecond: r1(step.acked / seconds), expectedDeliveries: step.expected, deliveries: step.deliveries,
      duplicates: step.duplicates, loss, deliveriesPerSecond: r1(step.deliveries / seconds),
      sendSeconds: Math.round(sendSeconds * 1000) / 1000, latency, ackLatency: summary(step.ackLatency),
      cpuSeconds: cpu.seconds, machineBusyPercent: cpu.machineBusyPercent, held: brokeBy.length === 0, brokeBy,
    };
  }

  const warm = await runStep(0, startRate, warmupMs);
  console.error(`capacity: warm-up ${warm.step.deliveries}/${warm.step.expected} deliveries, p99 ${summary(warm.step.latency).p99Ms} ms`);
  steps[0] = null;
  const results = [];
  for (let s = 1; s <= maxSteps; s++) {
    const rate = Math.round(startRate * Math.pow(factor, s - 1) * 1000) / 1000;
    const before = sample();
    const { step, sendSeconds, cpuAfter, unacknowledged } = await runStep(s, rate, stepMs);
    const result = judge(step, sendSeconds, between(before, cpuAfter), unacknowledged);
    results.push(result);
    step.latency = step.ackLatency = null; // summarised; keep memory flat over the ramp
    console.error(`capacity: step ${s} ${rate}/s per client: ${result.messagesPerSecond} msg/s, ${result.deliveriesPerSecond} deliveries/s, p50 ${result.latency.p50Ms} p99 ${result.latency.p99Ms} ms, loss ${result.loss}, failed ${result.failed}${result.held ? "" : " -> broke: " + result.brokeBy.join(", ")}`);
    if (!result.held) break;
  }
  for (const c of clients) c.disconnect();
  clearTimeout(hardStop);
  const held = [...results].reverse().find((r) => r.held);
  const broke = results.find((r) => !r.held);
  const report = {
    label: String(o.label ?? "socketio"),
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, os: `${os.type()} ${os.release()}`, runtime: `node ${process.version}` },
    result: {
      mode: "capacity",
      generator: "bench/socketio/capacity-client.js (Node, socket.io-client, WebSocket transport)",
      clients: clientCount, rooms: roomCount, instances: urls, startRatePerClient: startRate, factor,
      stepSeconds: stepMs / 1000, warmupSeconds: warmupMs / 1000, drainSeconds: drainMs / 1000, p99LimitMs: p99Limit,
      loadavgBefore: loadBefore, machineBusyPercentBefore: idleBusy, loadavgAfter: loadAverage(),
      highestHeld: held ? { step: held.step, ratePerClient: held.ratePerClient, messagesPerSecond: held.messagesPerSecond, deliveriesPerSecond: held.deliveriesPerSecond, p50Ms: held.latency.p50Ms, p99Ms: held.latency.p99Ms } : null,
      broke: broke ? { step: broke.step, ratePerClient: broke.ratePerClient, brokeBy: broke.brokeBy, p99Ms: broke.latency.p99Ms, loss: broke.loss, failed: broke.failed, unacknowledged: broke.unacknowledged } : null,
      steps: results,
    },
  };
  const json = JSON.stringify(report, null, 2);
  if (o.out) { fs.mkdirSync(require("node:path").dirname(require("node:path").resolve(o.out)), { recursive: true }); fs.writeFileSync(o.out, json); }
  console.log(json);
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
