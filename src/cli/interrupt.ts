/**
 * Ctrl-C during `provision run`: the first SIGINT (or SIGTERM) stops the run gracefully, so the
 * scenarios already started finish, the rest are reported as skipped and every report is written
 * whole (not a mix of this run and the last); a second one quits at once.
 */
import { ExitCode } from '../core/errors.js';

/** What {@link onInterrupt} listens on: the process, or a stand-in in tests. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface Interrupt {
  /** Aborts on the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Stops listening (the default signal behaviour comes back). */
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM while a run goes on. The first aborts {@link Interrupt.signal}
 * and says so on stderr; the second calls `exit(130)`.
 */
export function onInterrupt(
  stderr: (text: string) => void,
  source: SignalSource = process,
  exit: (code: number) => void = (code) => process.exit(code),
): Interrupt {
  const controller = new AbortController();
  const listener = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      exit(ExitCode.interrupted);
      return;
    }
    controller.abort(signal);
    stderr(`✖ ${signal}: finishing the running scenarios and writing the reports; the rest are skipped (press Ctrl-C again to quit at once)`);
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return {
    signal: controller.signal,
    dispose() {
      source.off('SIGINT', listener);
      source.off('SIGTERM', listener);
    },
  };
}
