// The resolved configuration a lint run uses for one file: versions, flavor, inventory and
// rule settings. Reading `.vsphere-csi.yaml` from disk is the caller's job; this module only
// turns its text into a validated config (pure).
import { parseDocument, isMap, isScalar, type Document } from 'yaml';
import allowedKeys from './schema/generated/allowedKeys.cjs';
import { validateConfig } from './schema/generated/validators.cjs';
import { schemaErrorsToProblems } from './schema/locate.js';
import { asMap, getNode, keyText, nodeSpan, pairsOf } from './yaml/ast.js';
import { closestMatches } from './util/similarity.js';
import type { SeveritySetting } from './types.js';

export type DriverFlavor = 'vanilla' | 'supervisor' | 'guest';

export interface DatastoreInfo {
  url: string;
  name?: string;
  type?: string;
  fileServices?: boolean;
}

export interface ResolvedConfig {
  driver: { version: string; flavor: DriverFlavor };
  vsphere: { version?: string };
  /** Undefined means "no inventory": policy checks stay silent. */
  storagePolicies?: string[];
  datastores?: DatastoreInfo[];
  storageClasses: string[];
  topology?: { categories: string[] };
  nodes: { count?: number; maxVolumesPerNode?: number };
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  /** URI of the file this came from, when there was one. */
  source?: string;
}

/** The latest GA release of the driver whose behaviour the rules encode. */
export const LATEST_DRIVER_VERSION = '3.7.3';

export function defaultConfig(): ResolvedConfig {
  return {
    driver: { version: LATEST_DRIVER_VERSION, flavor: 'vanilla' },
    vsphere: {},
    storageClasses: [],
    nodes: {},
    rules: {},
    ignore: [],
  };
}

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

interface RawConfig {
  driver?: { version?: string; flavor?: DriverFlavor };
  vsphere?: { version?: string };
  storagePolicies?: string[];
  datastores?: DatastoreInfo[];
  storageClasses?: string[];
  topology?: { categories?: string[] };
  nodes?: { count?: number; maxVolumesPerNode?: number };
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
}

/** Parses and validates `.vsphere-csi.yaml` text. Invalid parts are reported and left at their defaults. */
/**
 * `isKnownRule`, when given, turns rule ids in `rules:` that no rule has into problems (with a
 * did-you-mean), since a misspelt id silently configures nothing.
 */
export function parseConfigText(text: string, uri: string, isKnownRule?: (id: string) => boolean, knownRuleIds: readonly string[] = []): ParsedConfig {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, strict: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => ({
    message: error.message.split('\n')[0] ?? error.message,
    start: Math.min(error.pos[0], text.length),
    end: Math.min(Math.max(error.pos[1], error.pos[0]), text.length),
  }));
  const base = defaultConfig();
  base.source = uri;
  if (problems.length > 0) return { config: base, problems };
  // An empty file, only comments, or a bare `---`.
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { config: base, problems };
  if (!isMap(doc.contents)) {
    return { config: base, problems: [{ message: 'The configuration must be a mapping of keys such as driver, vsphere and rules.', start: 0, end: 0 }] };
  }
  let raw: RawConfig;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as RawConfig;
  } catch (error) {
    return { config: base, problems: [{ message: (error as Error).message, start: 0, end: 0 }] };
  }
  // YAML 1.1 reads an unquoted `off` as the boolean false; in `rules` it means the severity "off".
  if (raw && typeof raw.rules === 'object' && raw.rules !== null && !Array.isArray(raw.rules)) {
    for (const [id, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (setting === false) (raw.rules as Record<string, unknown>)[id] = 'off';
    }
  }
  if (!validateConfig(raw)) {
    for (const problem of schemaErrorsToProblems(validateConfig.errors ?? [], doc.contents, doc as Document, configKeysAt)) {
      problems.push({ message: problem.message, start: problem.start, end: problem.end });
    }
    problems.sort((a, b) => a.start - b.start || a.end - b.end);
    // Keep going with what is valid: a bad `rules` entry should not disable the inventory.
  }
  if (isKnownRule) problems.push(...unknownRuleProblems(doc as Document, isKnownRule, knownRuleIds));
  return { config: mergeRaw(base, raw, problems.length === 0), problems };
}

/** Keys the config schema allows at a path, for did-you-mean on unknown keys. */
function configKeysAt(path: Array<string | number>): string[] {
  const table = allowedKeys.validateConfig ?? {};
  const pattern = path.map((p) => (typeof p === 'number' ? '/*' : `/${p}`)).join('');
  return table[pattern] ?? [];
}

function mergeRaw(base: ResolvedConfig, raw: RawConfig, valid: boolean): ResolvedConfig {
  const config = { ...base };
  const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof raw.driver?.version === 'string') config.driver = { ...config.driver, version: raw.driver.version.replace(/^v/, '') };
  if (raw.driver?.flavor === 'vanilla' || raw.driver?.flavor === 'supervisor' || raw.driver?.flavor === 'guest') {
    config.driver = { ...config.driver, flavor: raw.driver.flavor };
  }
  if (typeof raw.vsphere?.version === 'string') config.vsphere = { version: raw.vsphere.version };
  if (isStringArray(raw.storagePolicies)) config.storagePolicies = raw.storagePolicies;
  if (Array.isArray(raw.datastores)) {
    config.datastores = raw.datastores.filter((d): d is DatastoreInfo => typeof d === 'object' && d !== null && typeof d.url === 'string');
  }
  if (isStringArray(raw.storageClasses)) config.storageClasses = raw.storageClasses;
  if (isStringArray(raw.topology?.categories)) config.topology = { categories: raw.topology.categories };
  if (raw.nodes && typeof raw.nodes === 'object') {
    config.nodes = {
      ...(Number.isInteger(raw.nodes.count) ? { count: raw.nodes.count } : {}),
      ...(Number.isInteger(raw.nodes.maxVolumesPerNode) ? { maxVolumesPerNode: raw.nodes.maxVolumesPerNode } : {}),
    };
  }
  if (raw.rules && typeof raw.rules === 'object') {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, setting] of Object.entries(raw.rules)) {
      if (setting === 'off' || setting === 'info' || setting === 'warning' || setting === 'error') rules[id] = setting;
    }
    config.rules = rules;
  }
  if (isStringArray(raw.ignore)) config.ignore = raw.ignore;
  void valid;
  return config;
}

function unknownRuleProblems(doc: Document, isKnownRule: (id: string) => boolean, knownRuleIds: readonly string[]): ConfigProblem[] {
  const rules = asMap(getNode(doc.contents, ['rules'], doc), doc);
  if (!rules) return [];
  const problems: ConfigProblem[] = [];
  for (const pair of pairsOf(rules)) {
    const id = keyText(pair);
    if (id === undefined || isKnownRule(id)) continue;
    const [start, end] = nodeSpan(pair.key) ?? [0, 0];
    const guess = closestMatches(id, knownRuleIds, { max: 1 })[0];
    problems.push({ message: `rules: unknown rule "${id}".${guess ? ` Did you mean "${guess}"?` : ''}`, start, end });
  }
  return problems;
}
