/**
 * Resolves a scenario's `app:`: a named app from the config, a path to an app YAML file (relative
 * to the scenario), or an inline app. App files are read and validated once per run; their
 * problems are reported once, and each scenario using a broken app gets one pointer to them.
 */
import path from 'node:path';
import type { AppDefinition } from '../app/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Issue } from '../core/errors.js';
import { displayPath, readTextFile } from './files.js';
import { validateAgainst } from './schema.js';
import type { AppText } from './stage-checks.js';
import type { AppOrigin } from './types.js';
import { documentToData, frame, locate, parseYamlStream, type YamlDocument } from './yaml-source.js';

/** A resolved app, with where its text lives (to place mapping issues). */
export interface ResolvedApp {
  app: AppDefinition;
  origin: AppOrigin;
  text: AppText;
}

type AppFile = { ok: true; app: AppDefinition; yaml: YamlDocument } | { ok: false };

const looksLikePath = (ref: string) => /\.ya?ml$/i.test(ref) || ref.includes('/') || ref.includes('\\');

export class AppResolver {
  /** Problems in app files, each reported once per run. */
  readonly issues: Issue[] = [];
  private readonly files = new Map<string, Promise<AppFile>>();
  /** One resolved app per app file or named app: the scenarios using it share its objects. */
  private readonly shared = new Map<string, ResolvedApp>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cwd: string,
  ) {}

  /** Resolves `app:` of the scenario document `scenario`. */
  async resolve(ref: string | AppDefinition, scenario: YamlDocument, scenarioFile: string): Promise<ResolvedApp | { issues: Issue[] }> {
    if (typeof ref !== 'string') {
      return { app: { name: 'app', ...ref }, origin: { kind: 'inline' }, text: { kind: 'yaml', yaml: scenario, basePath: ['app'] } };
    }
    const at = locate(scenario, ['app']);
    const named = this.config.apps[ref];
    if (named !== undefined) {
      const configFile = this.config.configFile ? displayPath(this.config.configFile, this.cwd) : 'the config';
      if (typeof named !== 'string') {
        return this.share(`config\0${ref}`, () => ({
          app: { name: ref, ...named },
          origin: { kind: 'config', name: ref, ...(this.config.configFile ? { file: configFile } : {}) },
          text: { kind: 'config', file: configFile, ...(this.config.configFile ? { absolute: this.config.configFile } : {}), basePath: ['apps', ref] },
        }));
      }
      const file = path.resolve(this.config.rootDir, named);
      return this.fromFile(file, ref, scenario, { kind: 'config', name: ref, file: displayPath(file, this.cwd) });
    }
    if (looksLikePath(ref)) {
      const file = path.resolve(path.dirname(scenarioFile), ref);
      return this.fromFile(file, path.basename(ref).replace(/(\.app)?\.ya?ml$/i, ''), scenario, {
        kind: 'file',
        file: displayPath(file, this.cwd),
      });
    }
    const known = Object.keys(this.config.apps);
    return {
      issues: [
        frame(scenario, {
          code: 'SCENARIO_UNKNOWN_APP',
          message: `unknown app "${ref}"`,
          hint: known.length
            ? `use one of the config's apps (${known.join(', ')}), a path to an app YAML file, or an inline app`
            : 'the config defines no apps: add it under apps in provision.config.ts, give a path to an app YAML file, or write the app inline',
          location: at,
          path: ['app'],
        }),
      ],
    };
  }

  private async fromFile(file: string, name: string, scenario: YamlDocument, origin: AppOrigin): Promise<ResolvedApp | { issues: Issue[] }> {
    let pending = this.files.get(file);
    if (!pending) {
      pending = this.loadFile(file);
      this.files.set(file, pending);
    }
    const loaded = await pending;
    const shown = displayPath(file, this.cwd);
    if (!loaded.ok) {
      return {
        issues: [
          frame(scenario, {
            code: 'SCENARIO_APP_INVALID',
            message: `app file ${shown} cannot be used (see its issues)`,
            hint: `fix ${shown}`,
            location: locate(scenario, ['app']),
            path: ['app'],
          }),
        ],
      };
    }
    return this.share(`${origin.kind}\0${name}\0${file}`, () => ({ app: { name, ...loaded.app }, origin, text: { kind: 'yaml', yaml: loaded.yaml, basePath: [] } }));
  }

  private share(key: string, make: () => ResolvedApp): ResolvedApp {
    let known = this.shared.get(key);
    if (!known) {
      known = make();
      this.shared.set(key, known);
    }
    return known;
  }

  private async loadFile(file: string): Promise<AppFile> {
    const shown = displayPath(file, this.cwd);
    const read = await readTextFile(file, shown, this.config.limits.maxFileBytes);
    if ('issue' in read) {
      this.issues.push(
        read.issue.code === 'SCENARIO_FILE_NOT_FOUND'
          ? { ...read.issue, code: 'SCENARIO_APP_NOT_FOUND', message: `app file not found: ${shown}`, hint: 'check the path; it is relative to the scenario file (or to the config for named apps)' }
          : read.issue,
      );
      return { ok: false };
    }
    const { documents, issues } = parseYamlStream(read.text, shown);
    this.issues.push(...issues);
    if (issues.length > 0) return { ok: false };
    const yaml = documents[0];
    if (!yaml || documents.length > 1) {
      this.issues.push({
        code: 'SCENARIO_APP_DOCUMENTS',
        message: `${shown} must hold exactly one YAML document (an app); it holds ${documents.length}`,
        hint: 'keep one app per file',
        file: shown,
      });
      return { ok: false };
    }
    const data = documentToData(yaml, { maxAliases: this.config.limits.maxAliases });
    if ('issue' in data) {
      this.issues.push(data.issue);
      return { ok: false };
    }
    const schemaIssues = await validateAgainst('app.schema.json', data.value, yaml);
    if (schemaIssues.length > 0) {
      this.issues.push(...schemaIssues);
      return { ok: false };
    }
    const { $schema: _ignored, ...app } = data.value as AppDefinition & { $schema?: string };
    void _ignored;
    return { ok: true, app, yaml };
  }
}
