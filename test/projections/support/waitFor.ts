// Polls a condition until it holds (or fails the test after a generous limit): waits on outcomes, never on timing.
export const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, limitMs = 30_000): Promise<void> => {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
