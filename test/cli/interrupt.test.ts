import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onInterrupt, type SignalSource } from '../../src/cli/interrupt.js';

/** A process stand-in that emits signals on demand. */
function source() {
  const emitter = new EventEmitter();
  return {
    emitter,
    source: emitter as unknown as SignalSource,
    emit: (signal: NodeJS.Signals) => emitter.emit(signal, signal),
  };
}

describe('onInterrupt', () => {
  it('the first SIGINT aborts the signal and says so; the second exits 130', () => {
    const { source: s, emit } = source();
    const lines: string[] = [];
    const exits: number[] = [];
    const interrupt = onInterrupt((t) => lines.push(t), s, (code) => exits.push(code));
    expect(interrupt.signal.aborted).toBe(false);
    emit('SIGINT');
    expect(interrupt.signal.aborted).toBe(true);
    expect(interrupt.signal.reason).toBe('SIGINT');
    expect(lines).toEqual([expect.stringMatching(/^✖ SIGINT: finishing the running scenarios and writing the reports/)]);
    expect(exits).toEqual([]);
    emit('SIGINT');
    expect(exits).toEqual([130]);
  });

  it('SIGTERM stops the run the same way', () => {
    const { source: s, emit } = source();
    const interrupt = onInterrupt(() => {}, s, () => {});
    emit('SIGTERM');
    expect(interrupt.signal.reason).toBe('SIGTERM');
  });

  it('dispose removes both listeners', () => {
    const { source: s, emitter } = source();
    const interrupt = onInterrupt(() => {}, s, () => {});
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(2);
    interrupt.dispose();
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0);
  });
});
