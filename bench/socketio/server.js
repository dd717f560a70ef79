// The seed's stack for the capacity comparison (issue 13): a Socket.IO 4 chat server scaled out by
// @socket.io/redis-adapter, with the product's event names and envelope (docs/protocol.md) so the load client
// measures the same thing as against the product. Nothing is stored, nothing is replayed, no auth.
// Configure with PORT and REDIS_URL (redis://127.0.0.1:6380); loopback only.
"use strict";
const http = require("node:http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const port = Number(process.env.PORT || 5201);
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6380";
let sequence = 0;

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer((req, res) => {
    if (req.url === "/healthz") { res.writeHead(200, { "content-type": "text/plain" }); res.end("ok"); return; }
    res.writeHead(404); res.end();
  });
  // A key prefix of its own, so it never hears the product's or the SignalR baseline's channels.
  const io = new Server(httpServer, { adapter: createAdapter(pub, sub, { key: "collab-socketio" }), serveClient: false });
  io.on("connection", (socket) => {
    socket.on("JoinRoom", (roomId, _lastEventId, ack) => {
      socket.join(roomId);
      ack?.({ resumed: false, state: null, lastEventId: null });
    });
    socket.on("SendMessage", (roomId, clientMessageId, text, ack) => {
      const at = new Date();
      const eventId = `${at.getTime()}-${++sequence}`;
      const message = { id: eventId, roomId, clientMessageId, userId: socket.id, userName: socket.id, text: String(text).trim(), sentAt: at, eventId };
      io.to(roomId).emit("roomEvent", { eventId, roomId, type: "message", at, data: message });
      ack?.(message);
    });
  });
  httpServer.listen(port, "127.0.0.1", () => console.log(`socket.io server on 127.0.0.1:${port}, redis ${redisUrl}`));
  const stop = () => io.close(() => Promise.all([pub.quit(), sub.quit()]).finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => { console.error(e); process.exit(1); });
