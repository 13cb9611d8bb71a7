import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process and captures its output. */
export async function runCli(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  // cac prints help and version with console.info.
  const origInfo = console.info;
  console.info = (...parts: unknown[]) => out.push(parts.join(' '));
  try {
    const code = await main(['node', 'provision', ...args], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      isTTY: false,
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    console.info = origInfo;
    if (cwd) process.chdir(previous);
  }
}
