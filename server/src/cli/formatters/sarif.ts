// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule described in
// tool.driver.rules, results with repository-relative URIs and stable fingerprints.
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_URL, renderRuleMarkdown, renderRuleText, ruleDocsUrl, type RuleMeta, type Severity } from '../../service/index.js';
import type { CliFinding } from '../types.js';
import type { Formatter } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const MAX_TEXT = 1024;

const clip = (s: string) => (s.length <= MAX_TEXT ? s : `${s.slice(0, MAX_TEXT - 1)}…`);
const pascal = (id: string) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** A relative path as a URI reference: each segment percent-encoded, forward slashes kept. */
export function toUriReference(displayPath: string): string {
  return displayPath.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}

/** Files under the working directory are relative to %SRCROOT%; others get an absolute file URI. */
function artifactLocation(displayPath: string, cwd: string) {
  // Not a file: e.g. a VM of `inventory audit` (vcenter://host/DC/vm/name), kept as written.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(displayPath) && !displayPath.startsWith('file:')) return { uri: displayPath };
  if (displayPath === '..' || displayPath.startsWith('../') || path.isAbsolute(displayPath)) {
    return { uri: pathToFileURL(path.resolve(cwd, displayPath)).href };
  }
  return { uri: toUriReference(displayPath), uriBaseId: '%SRCROOT%' };
}

function descriptor(meta: RuleMeta) {
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: clip(meta.description) },
    fullDescription: { text: clip(`${meta.description} ${meta.why}`) },
    help: { text: renderRuleText(meta), markdown: renderRuleMarkdown(meta) },
    helpUri: ruleDocsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { tags: ['vsphere-csi', meta.category.toLowerCase().replace(/\s+/g, '-'), ...(meta.fixable ? ['fixable'] : [])] },
  };
}

/**
 * Stable per file: hash of rule id and the trimmed text of the finding's line, plus the count
 * of earlier identical (rule, line text) pairs in the file. Survives lines moving up or down.
 */
function fingerprints(findings: readonly CliFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const hash = crypto.createHash('sha256').update(`${f.ruleId}\u0000${f.lineText}`).digest('hex').slice(0, 16);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    return `${hash}:${n}`;
  });
}

export const sarif: Formatter = (report) => {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i] as const));
  const results: unknown[] = [];
  for (const file of report.files) {
    const prints = fingerprints(file.findings);
    const location = artifactLocation(file.displayPath, report.cwd);
    file.findings.forEach((f, i) => {
      const index = ruleIndex.get(f.ruleId);
      results.push({
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: f.loc.line, startColumn: f.loc.column, endLine: f.loc.endLine, endColumn: f.loc.endColumn },
            },
          },
        ],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, id) => {
                const startLine = r.range.start.line + 1;
                const startColumn = r.range.start.character + 1;
                const endLine = Math.max(startLine, r.range.end.line + 1);
                const endColumn = endLine === startLine ? Math.max(startColumn, r.range.end.character + 1) : r.range.end.character + 1;
                return {
                  id,
                  physicalLocation: {
                    artifactLocation: artifactLocation(report.pathOfUri(r.uri), report.cwd),
                    region: { startLine, startColumn, endLine, endColumn },
                  },
                  message: { text: r.message },
                };
              }),
            }
          : {}),
        partialFingerprints: { primaryLocationLineHash: prints[i]! },
      });
    });
  }
  const notifications = report.problems.map((p) => ({
    level: 'error',
    message: { text: p.displayPath ? `${p.displayPath}: ${p.message}` : p.message },
    ...(p.displayPath && p.displayPath !== '<stdin>'
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.displayPath, report.cwd),
                ...(p.line ? { region: { startLine: p.line, ...(p.column ? { startColumn: p.column } : {}) } } : {}),
              },
            },
          ],
        }
      : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vsphere-csi-lint',
            semanticVersion: report.version,
            informationUri: PROJECT_URL,
            rules: report.rules.map(descriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.cwd).href.replace(/\/?$/, '/') } },
        invocations: [
          {
            executionSuccessful: report.executionSuccessful,
            exitCode: report.exitCode,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
