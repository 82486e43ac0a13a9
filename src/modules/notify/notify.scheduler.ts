import type { AppDeps } from '../../platform/context.js';
import { deliverWebhooks, runReminders, type FetchFn } from './notify.service.js';

/** A running scheduler; `stop` waits for a pass in progress. */
export interface Scheduler {
  stop(): Promise<void>;
}

const realFetch: FetchFn = (url, init) => fetch(url, init);

/**
 * Runs a reminder pass and a delivery pass every `intervalMs` (never two at once), on the app's clock.
 * The timer does not keep the process alive; 0 turns the scheduler off.
 */
export function startNotifyScheduler(
  deps: AppDeps,
  intervalMs: number,
  options: { fetchFn?: FetchFn; onError?: (error: unknown) => void; alsoRun?: ((now: Date) => Promise<unknown>)[] } = {},
): Scheduler {
  if (intervalMs <= 0) return { stop: async () => {} };
  const fetchFn = options.fetchFn ?? realFetch;
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(`notify scheduler: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const pass = async () => {
    try {
      await runReminders(deps, deps.now());
    } catch (error) {
      onError(error);
    }
    try {
      await deliverWebhooks(deps, deps.now(), fetchFn);
    } catch (error) {
      onError(error);
    }
    // Other modules' periodic work (the nightly 数据核查), composed by the caller.
    for (const job of options.alsoRun ?? []) {
      try {
        await job(deps.now());
      } catch (error) {
        onError(error);
      }
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = null;
        schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };
  // The first pass soon after start, then every interval.
  schedule(Math.min(intervalMs, 10_000));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
