export default async function globalTeardown() {
  const e2e = globalThis.__VIGIE_E2E__;
  if (!e2e) return;
  if (e2e.server.exitCode === null) {
    const exited = new Promise((r) => e2e.server.once('exit', r));
    e2e.server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  await e2e.pg.stop();
}
