import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import type { ProvisionConfig } from '../../src/config/types.js';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder with the given files (paths relative to it); removed after the test. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'provision-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A resolved config rooted at `dir`. */
export function configAt(dir: string, config: ProvisionConfig = {}) {
  return resolveConfig(config, dir, path.join(dir, 'provision.config.ts'));
}

/** A minimal valid scenario document, with overrides appended as YAML lines. */
export function scenarioYaml(name = 'A scenario', extra = ''): string {
  return `name: ${name}
app:
  target: { url: https://scim.example.test/scim/v2, token: tok-123456 }
  objects:
    user:
      mappings:
        - { target: userName, source: userPrincipalName, match: 1 }
provision: { user: alice@contoso.com }
${extra}`;
}
