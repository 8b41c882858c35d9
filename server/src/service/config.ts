// The resolved configuration a lint run uses for one file: versions, flavor, inventory and
// rule settings. Reading `.vsphere-csi.yaml` from disk is the caller's job; this module only
// turns its text into a validated config (pure).
import { parseDocument, isMap, type Document } from 'yaml';
import { validateConfig } from './schema/generated/validators.cjs';
import { schemaErrorsToProblems } from './schema/locate.js';
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
export function parseConfigText(text: string, uri: string): ParsedConfig {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, strict: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => ({
    message: error.message.split('\n')[0] ?? error.message,
    start: error.pos[0],
    end: error.pos[1],
  }));
  const base = defaultConfig();
  base.source = uri;
  if (problems.length > 0) return { config: base, problems };
  if (doc.contents === null) return { config: base, problems };
  if (!isMap(doc.contents)) {
    return { config: base, problems: [{ message: 'The configuration must be a mapping of keys such as driver, vsphere and rules.', start: 0, end: 0 }] };
  }
  let raw: RawConfig;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as RawConfig;
  } catch (error) {
    return { config: base, problems: [{ message: (error as Error).message, start: 0, end: 0 }] };
  }
  if (!validateConfig(raw)) {
    for (const problem of schemaErrorsToProblems(validateConfig.errors ?? [], doc.contents, doc as Document)) {
      problems.push({ message: problem.message, start: problem.start, end: problem.end });
    }
    // Keep going with what is valid: a bad `rules` entry should not disable the inventory.
  }
  return { config: mergeRaw(base, raw, problems.length === 0), problems };
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
