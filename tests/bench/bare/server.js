// Serves the bare app's build as the portal does: Express, its static build folder, the Remix Express
// adapter in production mode; WEB_CONCURRENCY=N runs N worker processes (node:cluster) like the portal.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const root = path.dirname(fileURLToPath(import.meta.url));
const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else {
  const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
  const app = express();
  app.disable("x-powered-by");
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y", index: false }));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  const server = app.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? "127.0.0.1");
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}
