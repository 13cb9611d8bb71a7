/**
 * The `junit` reporter (`junit.xml`, junit-report-builder): one suite per scenario, one testcase
 * per portal step; a failed expectation is a `<failure>` with expected vs actual, the step's
 * redacted HTTP exchange is its `<system-out>`. Expectations that concern no step are one more
 * testcase, "Expectations"; a scenario that could not run is an `<error>`; problems in the input
 * are a suite of their own, so CI shows them too. Only `time` attributes vary between runs.
 */
import path from 'node:path';
import { formatIssue, type Issue } from '../core/errors.js';
import type { ScenarioReport } from '../runner/types.js';
import { exchangeLines, failureBlock, statusLabel } from './format.js';
import { runSpool, writeAll } from './spool.js';
import type { Reporter, ReporterOptions } from './types.js';
import { writeFileAtomic } from './write.js';

type Builder = import('junit-report-builder').Builder;
type Suite = ReturnType<Builder['testSuite']>;

/** Test cases of the suites written so far, as the root element totals them. */
interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * Each scenario's `<testsuite>` is built (by its own small builder) and spooled as the scenario
 * ends; `junit.xml` is put together when the run ends: the root with the totals, the input
 * problems' suite, then the spooled suites in input order. Nothing of a scenario stays in memory.
 */
export function createJunitReporter(options: ReporterOptions): Reporter {
  const spool = runSpool();
  let counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const close = async () => {
    counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    await spool.close();
  };
  return {
    async onRunStart() {
      await close();
      await spool.open();
    },
    async onScenarioEnd(report, scenario) {
      const builder = (await loadBuilder()).newBuilder();
      const suite = builder.testSuite();
      addScenario(suite, report);
      add(counts, suite);
      await (await spool.open()).add(scenario.index, suiteElement(builder.build()));
    },
    async onRunEnd(summary) {
      const file = path.join(options.outDir, 'junit.xml');
      try {
        const suites = await spool.open();
        const { builder: root, issuesSuite } = await rootBuilder(summary.issues);
        if (suites.count === 0) {
          await writeFileAtomic(file, root.build());
          return;
        }
        // The library builds the invalid-input suite and every scenario suite (all the escaping);
        // the root's attributes are a fixed name and four counts, written here because the
        // suites it totals were built one by one.
        const frame = root.build();
        const totals = { ...counts };
        if (issuesSuite) add(totals, issuesSuite);
        const head = `${frame.slice(0, frame.indexOf('\n'))}\n<testsuites name="provision" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">\n`;
        await writeFileAtomic(file, async (out) => {
          await writeAll(out, issuesSuite ? head + suiteElement(frame) : head);
          await suites.copyTo(out);
          await writeAll(out, '</testsuites>');
        });
      } finally {
        await close();
      }
    },
  };
}

/** A builder with the root's name and, when the input had problems, their suite (first, so CI shows them). */
async function rootBuilder(issues: readonly Issue[]): Promise<{ builder: Builder; issuesSuite?: Suite }> {
  const builder = (await loadBuilder()).newBuilder();
  builder.name('provision');
  if (issues.length === 0) return { builder };
  const suite = builder.testSuite().name('Invalid input');
  issues.forEach((issue, i) => {
    const where = issue.location?.file ?? issue.file ?? 'input';
    suite.testCase().className(where).name(`${issue.code} #${i + 1}`).error(xmlSafe(issue.message), issue.code, cdata(formatIssue(issue)));
  });
  return { builder, issuesSuite: suite };
}

function add(counts: Counts, suite: Suite): void {
  counts.tests += suite.getTestCaseCount();
  counts.failures += suite.getFailureCount();
  counts.errors += suite.getErrorCount();
  counts.skipped += suite.getSkippedCount();
}

/**
 * The one `<testsuite>` element of a document built with a single suite, exactly as the library
 * prints it inside the root (indented one level, with its line break).
 */
function suiteElement(document: string): string {
  const start = document.indexOf('\n', document.indexOf('<testsuites')) + 1;
  return document.slice(start, document.lastIndexOf('</testsuites>'));
}

/** junit-report-builder is CommonJS: its builder is the module itself at run time, `default` in its types. */
async function loadBuilder(): Promise<Builder> {
  const mod = (await import('junit-report-builder')) as unknown as { default: Builder | { default: Builder } };
  return 'newBuilder' in mod.default ? mod.default : mod.default.default;
}

function addScenario(suite: Suite, report: ScenarioReport): void {
  // Seconds from whole microseconds: `2.995 / 1000` would print 0.0029950000000000003.
  suite.name(report.name).time(Math.round(report.timing.durationMs * 1000) / 1e6);
  suite.property('file', `${report.file}:${report.line}`);
  if (report.tags.length) suite.property('tags', report.tags.join(','));
  if (report.ticket) suite.property('ticket', report.ticket);
  suite.property('seed', String(report.seed));
  const className = `${report.file} › ${report.name}`;
  if (report.status === 'skipped' || (report.status === 'errored' && report.steps.length === 0)) {
    const testCase = suite.testCase().className(className).name('Run');
    if (report.status === 'skipped') testCase.skipped();
    else if (report.error) testCase.error(xmlSafe(report.error.message), report.error.code, cdata([report.error, ...(report.issues ?? [])].map(formatIssue).join('\n')));
    return;
  }
  for (const step of report.steps) {
    const testCase = suite.testCase().className(className).name(`${step.title} (${step.key})`);
    const failures = report.failures.filter((f) => f.step === step.key);
    if (failures.length > 0) {
      testCase
        .failure(xmlSafe(failures.map((f) => f.message).join('; ')), failures[0]!.code)
        .stacktrace(cdata(failureBlock(failures, report).join('\n')));
    }
    const exchanges = report.exchanges.filter((x) => step.exchanges.includes(x.seq));
    const out = [`${statusLabel(step.status)}: ${step.description}`, ...exchanges.flatMap((x) => exchangeLines(x))];
    testCase.standardOutput(cdata(out.join('\n')));
  }
  if (report.status === 'errored' && report.error) {
    // The pipeline refused the configuration: its steps show what happened, the issues why.
    suite.testCase().className(className).name('Configuration').error(xmlSafe(report.error.message), report.error.code, cdata((report.issues ?? [report.error]).map(formatIssue).join('\n')));
  }
  const loose = report.failures.filter((f) => !f.step || !report.steps.some((s) => s.key === f.step));
  if (loose.length > 0 || report.steps.length === 0) {
    const testCase = suite.testCase().className(className).name('Expectations');
    if (loose.length > 0) {
      testCase
        .failure(xmlSafe(loose.map((f) => f.message).join('; ')), loose[0]!.code)
        .stacktrace(cdata(failureBlock(loose, report).join('\n')));
    }
  }
}

/** Removes characters XML 1.0 cannot carry (control characters from a hostile response body). */
export function xmlSafe(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Text for a CDATA section (`<system-out>`, a failure's or error's body). A `]]>` in the text
 * would end the section early; xmlbuilder 15 (under junit-report-builder) splits only the first
 * one (`String#replace` with a string), so every later one is split here into
 * `]]]]><![CDATA[>`, which a parser reads back as the same text.
 */
export function cdata(text: string): string {
  const safe = xmlSafe(text);
  const first = safe.indexOf(']]>');
  if (first < 0) return safe;
  return safe.slice(0, first + 3) + safe.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}
