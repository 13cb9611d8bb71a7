/**
 * Settings: named switches for behaviour the Entra docs leave undefined. Each stage owns its
 * section (`src/<stage>/options.ts`); this file composes them and layers overrides
 * (defaults ← config `settings` ← app `settings` ← scenario `settings`).
 */
import { defaultEngineOptions, type EngineOptions } from '../engine/options.js';
import { defaultExpressionOptions, type ExpressionOptions } from '../expr/options.js';
import { defaultMappingOptions, type MappingOptions } from '../mapping/options.js';
import { defaultScimOptions, type ScimOptions } from '../scim/options.js';
import { defaultScopingOptions, type ScopingOptions } from '../scoping/options.js';

/** Every setting, resolved. */
export interface Settings {
  expression: ExpressionOptions;
  mapping: MappingOptions;
  scoping: ScopingOptions;
  scim: ScimOptions;
  engine: EngineOptions;
}

/** Settings as written in a config, app or scenario: every section and key optional. */
export type SettingsInput = { [K in keyof Settings]?: Partial<Settings[K]> };

export const defaultSettings: Settings = {
  expression: defaultExpressionOptions,
  mapping: defaultMappingOptions,
  scoping: defaultScopingOptions,
  scim: defaultScimOptions,
  engine: defaultEngineOptions,
};

/** Layers settings: later layers win, key by key within a section. */
export function resolveSettings(...layers: Array<SettingsInput | undefined>): Settings {
  const out = {
    expression: { ...defaultSettings.expression },
    mapping: { ...defaultSettings.mapping },
    scoping: { ...defaultSettings.scoping },
    scim: { ...defaultSettings.scim },
    engine: { ...defaultSettings.engine },
  };
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(out.expression, layer.expression);
    Object.assign(out.mapping, layer.mapping);
    Object.assign(out.scoping, layer.scoping);
    Object.assign(out.scim, layer.scim);
    Object.assign(out.engine, layer.engine);
  }
  return out;
}
