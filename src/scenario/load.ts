/**
 * `loadScenarios`: files, folders and globs → validated scenarios plus every problem found.
 * A malformed file or document never stops the others: problems are collected per document, and
 * only the documents without problems become scenarios.
 */
import path from 'node:path';
import type { AppDefinition } from '../app/types.js';
import { resolveConfig } from '../config/load.js';
import { resolveSettings } from '../config/settings.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatLocation } from '../core/location.js';
import type { Issue } from '../core/errors.js';
import { AppResolver, type ResolvedApp } from './app.js';
import { checkSubject, toSubject } from './checks.js';
import { StringPool } from './intern.js';
import { targetStateIssues } from '../scim/mock/validate.js';
import { displayPath, readTextFile, resolveScenarioFiles } from './files.js';
import { validateAgainst } from './schema.js';
import { uniqueSlugs } from './slug.js';
import { compileAppChecks, placeStageIssue } from './stage-checks.js';
import type { Expectations, LoadedScenario, LoadResult, ScenarioDocument } from './types.js';
import { collectLocations, documentToData, frame, locate, parseYamlStream, type YamlDocument } from './yaml-source.js';

export interface LoadScenariosOptions {
  /** Working directory: file paths in issues and reports are shown relative to it. @default process.cwd() */
  cwd?: string;
  /** Directory the given paths resolve against (the config's folder for its `scenarios`). @default cwd */
  baseDir?: string;
  /** The loaded config (named apps, limits, settings). @default the defaults */
  config?: ResolvedConfig;
}

/**
 * Loads scenarios from files, folders (every `*.yaml`/`*.yml` below, except `*.app.yaml`) and
 * globs. Never throws for bad input: each problem is an {@link Issue} with a code, a location and
 * a code frame, and the valid scenarios are returned beside them.
 */
export async function loadScenarios(paths: string | readonly string[], options: LoadScenariosOptions = {}): Promise<LoadResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = options.config ?? resolveConfig({}, cwd);
  const inputs = typeof paths === 'string' ? [paths] : paths;
  const resolved = await resolveScenarioFiles(inputs, path.resolve(cwd, options.baseDir ?? cwd));
  const issues: Issue[] = [...resolved.issues];
  const apps = new AppResolver(config, cwd);
  const loader = new DocumentLoader(config, apps, issues);
  const files: string[] = [];
  for (const absolute of resolved.files) {
    const file = displayPath(absolute, cwd);
    files.push(file);
    await loader.loadFile(absolute, file);
  }
  issues.push(...apps.issues);
  const scenarios = loader.scenarios;
  const slugs = uniqueSlugs(scenarios.map((s) => s.name));
  scenarios.forEach((s, i) => (s.slug = slugs[i]!));
  return { scenarios, issues: dedupe(issues), files };
}

class DocumentLoader {
  readonly scenarios: LoadedScenario[] = [];
  private readonly names = new Map<string, LoadedScenario>();
  /** Every string value of the load's documents, once (intern.ts). */
  private readonly strings = new StringPool();
  private readonly appCopies = new WeakMap<AppDefinition, AppDefinition>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly apps: AppResolver,
    private readonly issues: Issue[],
  ) {}

  async loadFile(absolute: string, file: string): Promise<void> {
    const read = await readTextFile(absolute, file, this.config.limits.maxFileBytes);
    if ('issue' in read) {
      this.issues.push(read.issue);
      return;
    }
    const { documents, issues } = parseYamlStream(read.text, file);
    this.issues.push(...issues);
    if (documents.length === 0 && issues.length === 0) {
      this.issues.push({
        code: 'SCENARIO_EMPTY_FILE',
        message: `${file} holds no scenario`,
        hint: 'add a scenario (see provision init), or remove the file from the selection',
        file,
      });
    }
    for (const yaml of documents) {
      const scenario = await this.loadDocument(yaml, absolute);
      if (scenario) this.accept(scenario, yaml);
    }
  }

  private async loadDocument(yaml: YamlDocument, absolute: string): Promise<LoadedScenario | undefined> {
    const data = documentToData(yaml, { maxAliases: this.config.limits.maxAliases }, this.strings);
    if ('issue' in data) return this.fail([data.issue]);
    const schemaIssues = await validateAgainst('scenario.schema.json', data.value, yaml);
    if (schemaIssues.length > 0) return this.fail(schemaIssues);
    const doc = data.value as ScenarioDocument;
    const subjectIssues = checkSubject(doc.provision as unknown as Record<string, unknown>);
    if (subjectIssues.length > 0) return this.fail(subjectIssues.map((i) => frame(yaml, { ...i, location: locate(yaml, i.path ?? []) })));
    const resolved = await this.apps.resolve(doc.app, yaml, absolute);
    if ('issues' in resolved) return this.fail(resolved.issues);
    const appIssues = this.checkApp(resolved, doc);
    if (appIssues.length > 0) return this.fail(appIssues);
    // The mocked target's own checks (duplicate ids, faults that never match…), so `validate`
    // finds them without starting the mock; their paths start at `target`.
    const targetIssues = targetStateIssues(doc.target ?? {});
    if (targetIssues.length > 0) return this.fail(targetIssues.map((i) => frame(yaml, { ...i, location: locate(yaml, i.path ?? []) })));
    return {
      name: doc.name,
      slug: '',
      ...(doc.description !== undefined ? { description: doc.description } : {}),
      tags: doc.tags ?? [],
      ...(doc.ticket !== undefined ? { ticket: doc.ticket } : {}),
      file: yaml.file,
      absoluteFile: absolute,
      index: yaml.index,
      location: locate(yaml, ['name'], true),
      app: this.stripped(resolved.app),
      appOrigin: resolved.origin,
      source: doc.source ?? {},
      target: doc.target ?? {},
      subject: toSubject(doc.provision as unknown as Record<string, unknown>),
      ...(doc.clock !== undefined ? { clock: doc.clock } : {}),
      ...(doc.seed !== undefined ? { seed: doc.seed } : {}),
      ...(doc.settings !== undefined ? { settings: doc.settings } : {}),
      ...(doc.timeoutMs !== undefined ? { timeoutMs: doc.timeoutMs } : {}),
      exact: doc.exact ?? false,
      expect: hasExpectations(doc.expect) ? doc.expect : null,
      expectLocations: collectLocations(yaml, ['expect']),
    };
  }

  /** The mapping and scoping stages' compile checks, placed in the app's text. */
  private checkApp(resolved: ResolvedApp, doc: ScenarioDocument): Issue[] {
    const settings = resolveSettings(this.config.settingsInput, resolved.app.settings, doc.settings);
    return compileAppChecks(resolved.app, settings).map((i) => placeStageIssue(i, resolved.text));
  }

  /** The app without its `$schema` key, one copy per resolved app (scenarios of one app share it). */
  private stripped(app: AppDefinition): AppDefinition {
    let copy = this.appCopies.get(app);
    if (!copy) {
      copy = stripSchemaKey(app);
      this.appCopies.set(app, copy);
    }
    return copy;
  }

  private accept(scenario: LoadedScenario, yaml: YamlDocument): void {
    const first = this.names.get(scenario.name);
    if (first) {
      this.issues.push(
        frame(yaml, {
          code: 'SCENARIO_DUPLICATE_NAME',
          message: `scenario name "${scenario.name}" is already used at ${formatLocation(first.location)}`,
          hint: 'give each scenario a unique name; reports and --grep rely on it',
          location: locate(yaml, ['name']),
          path: ['name'],
        }),
      );
      return;
    }
    this.names.set(scenario.name, scenario);
    this.scenarios.push(scenario);
  }

  private fail(issues: Issue[]): undefined {
    this.issues.push(...issues);
    return undefined;
  }
}

/** An `expect` block with at least one expectation (an `exact` flag alone expects nothing). */
function hasExpectations(expect: Expectations | null | undefined): expect is Expectations {
  if (!expect) return false;
  return Object.keys(expect).some((k) => k !== 'exact');
}

function stripSchemaKey(app: AppDefinition): AppDefinition {
  const { $schema: _ignored, ...rest } = app as AppDefinition & { $schema?: string };
  void _ignored;
  return rest;
}

/** The same issue reached twice (an app shared by several scenarios) is reported once. */
function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const where = issue.location ? formatLocation(issue.location) : (issue.file ?? '');
    const key = `${issue.code}|${where}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

