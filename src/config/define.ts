import type { ConfigEnv, ProvisionConfig } from './types.js';

/**
 * Typed identity for `provision.config.ts`: gives editor completion and type checks, and accepts
 * an object, a promise, or a function of the command environment.
 *
 * @example
 * export default defineConfig({ reporters: ['default', 'junit'], seed: 7 });
 * export default defineConfig(({ command }) => ({ jobs: command === 'bench' ? 1 : 2 }));
 */
export function defineConfig(config: ProvisionConfig): ProvisionConfig;
export function defineConfig(config: Promise<ProvisionConfig>): Promise<ProvisionConfig>;
export function defineConfig(
  config: (env: ConfigEnv) => ProvisionConfig | Promise<ProvisionConfig>,
): (env: ConfigEnv) => ProvisionConfig | Promise<ProvisionConfig>;
export function defineConfig<T>(config: T): T {
  return config;
}
