export default async function globalTeardown() {
  await globalThis.__VIGIE_PG__?.stop();
}
