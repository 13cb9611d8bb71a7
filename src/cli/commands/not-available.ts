import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../types.js';

/**
 * For a command whose issue has not landed yet: says so plainly and exits 3. Never pretends to
 * succeed.
 */
export function notAvailable(command: string, issue: number) {
  return async function run(context: CommandContext): Promise<number> {
    context.io.stderr(
      `✖ CLI_NOT_AVAILABLE "provision ${command}" is not available yet (tracked in issue #${issue})`,
    );
    return ExitCode.internal;
  };
}
