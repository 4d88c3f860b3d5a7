/** What global-setup.ts started and made goes (jest runs both in one process). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { pitchsideTeardown?: () => Promise<void> }).pitchsideTeardown?.();
}
