import type { ResolvedConfig } from '../config/types.js';

/** What every command implementation receives. */
export interface CommandContext {
  /** Positional arguments, as declared by the command. */
  args: unknown[];
  /** Parsed options; repeatable options are arrays. */
  options: Record<string, unknown>;
  /** Output sinks (tests capture them). */
  io: {
    stdout(text: string): void;
    stderr(text: string): void;
    isTTY: boolean;
  };
  /** The loaded config (`--config`, or discovered in the working directory). */
  config: ResolvedConfig;
  /** `--debug`: print stack traces. */
  debug: boolean;
}

/** A lazily imported command module. Returns the exit code. */
export interface CommandModule {
  default(context: CommandContext): Promise<number>;
}
