import { buildApp } from './app.js';
import { loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/data-lock.js';
import { formatDemoAccounts, openStorage, seedDemo } from './storage.js';

const t0 = performance.now();

async function main() {
  const config = loadConfig();
  let storage: Awaited<ReturnType<typeof openStorage>>;
  try {
    storage = await openStorage(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }
  if (config.demoData) {
    const seeded = await seedDemo(storage.database);
    if (seeded) console.log(formatDemoAccounts(seeded));
  }
  const app = await buildApp(config, storage.database);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.error(`收到第二次 ${signal}，强制退出`);
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    try {
      // Stop accepting; in-flight requests finish. Keep-alive connections that turn idle are
      // closed as soon as their response is out, and anything still open after 15 s is cut.
      const idle = setInterval(() => app.server.closeIdleConnections(), 100);
      const hard = setTimeout(() => app.server.closeAllConnections(), 15_000);
      await app.close();
      clearInterval(idle);
      clearTimeout(hard);
      await storage.close(); // closes the database, releases the data-directory lock
      process.exit(0);
    } catch (err) {
      console.error('shutdown failed', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - t0);
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  app.log.info({ readyMs: ms, database: storage.database.kind }, 'ready');
  console.log(`科惠已启动: http://localhost:${config.port}  数据库: ${where}  就绪用时 ${ms} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
