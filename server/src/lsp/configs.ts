// Which `.vsphere-csi.yaml` applies to a document: the `vsphereCsi.configFile` setting when set
// (absolute, or relative to the document's workspace folder), else the nearest config file in the
// document's folder or above, as the command line finds it. Files are read from disk and cached
// until a watched config file changes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { LanguageService, ResolvedConfig } from '../service/index.js';

export const CONFIG_NAMES = ['.vsphere-csi.yaml', '.vsphere-csi.yml'] as const;

export interface LoadedConfig {
  /** URI of the config file; undefined when the defaults apply. */
  uri: string | undefined;
  config: ResolvedConfig;
  /** Problems of the file (reported on it when it is open). */
  problems: Array<{ message: string; start: number; end: number }>;
  text: string | undefined;
  /** Whether the config's `ignore` globs exclude a file. */
  isIgnored(filePath: string): boolean;
}

export function isConfigUri(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return (CONFIG_NAMES as readonly string[]).includes(decodeURIComponent(name));
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export class ConfigResolver {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly nearest = new Map<string, string | null>();
  private readonly defaults: LoadedConfig;
  private readonly warned = new Set<string>();

  constructor(
    private readonly service: LanguageService,
    private readonly log: (message: string) => void,
  ) {
    this.defaults = { uri: undefined, config: service.defaultConfig(), problems: [], text: undefined, isIgnored: () => false };
  }

  /** Forgets every cached config (a config file was created, changed or deleted). */
  invalidate(): void {
    this.byPath.clear();
    this.nearest.clear();
  }

  /**
   * The config for a document. `configFile` is the setting; `folder` the workspace folder path
   * holding the document (for relative settings and for documents without a path).
   */
  forDocument(uri: string, configFile: string, folder: string | undefined): LoadedConfig {
    if (configFile.trim() !== '') {
      const explicit = path.isAbsolute(configFile) ? configFile : path.resolve(folder ?? process.cwd(), configFile);
      if (isFile(explicit)) return this.load(explicit);
      if (!this.warned.has(explicit)) {
        this.warned.add(explicit);
        this.log(`vsphereCsi.configFile: ${explicit} does not exist; using the driver defaults.`);
      }
      return this.defaults;
    }
    const filePath = uriToPath(uri);
    const dir = filePath ? path.dirname(filePath) : folder;
    if (!dir) return this.defaults;
    const found = this.discover(dir);
    return found ? this.load(found) : this.defaults;
  }

  private discover(dir: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | null = null;
    for (;;) {
      const cached = this.nearest.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = CONFIG_NAMES.map((name) => path.join(current, name)).find(isFile);
      if (candidate) {
        found = candidate;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const d of visited) this.nearest.set(d, found);
    return found ?? undefined;
  }

  /** Parses a config file's text (the file on disk, or an open editor's buffer). */
  parse(filePath: string, text: string): LoadedConfig {
    const uri = pathToUri(filePath);
    const parsed = this.service.parseConfig(text, uri);
    const dir = path.dirname(filePath);
    let matcher: ((p: string) => boolean) | undefined;
    if (parsed.config.ignore.length > 0) {
      try {
        matcher = picomatch(parsed.config.ignore, { dot: true });
      } catch (error) {
        this.log(`${filePath}: invalid ignore glob: ${(error as Error).message}`);
      }
    }
    return {
      uri,
      config: parsed.config,
      problems: parsed.problems,
      text,
      isIgnored: (file) => {
        if (!matcher) return false;
        const rel = path.relative(dir, file).split(path.sep).join('/');
        if (rel === '' || rel.startsWith('../') || path.isAbsolute(rel)) return false;
        return matcher(rel);
      },
    };
  }

  private load(filePath: string): LoadedConfig {
    const cached = this.byPath.get(filePath);
    if (cached) return cached;
    let loaded: LoadedConfig;
    try {
      loaded = this.parse(filePath, fs.readFileSync(filePath, 'utf8'));
    } catch (error) {
      this.log(`cannot read ${filePath}: ${(error as Error).message}; using the driver defaults.`);
      loaded = { ...this.defaults, uri: pathToUri(filePath) };
    }
    this.byPath.set(filePath, loaded);
    return loaded;
  }
}
