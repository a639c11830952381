// A wait with a deadline. Playwright's evaluate(), newPage() and close() and a fetch have none of their
// own; a step that never settles must fail by name instead of holding everything queued behind it.

/** `work`, or a rejection saying `what` did not finish within `ms` (the work's own later failure is then ignored). */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } catch (err) {
    work.catch(() => {});
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
