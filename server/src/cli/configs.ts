// Finds and loads `.vsphere-csi.yaml` files: nearest to each linted file wins (no merging),
// `--config` overrides discovery for every file. Problems in a config file become findings on it
// (rule id config-invalid) and make the run exit 2; the valid parts of the file still apply.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { LineIndex, type LanguageService, type ResolvedConfig } from '../service/index.js';
import { toCliFinding } from './processor.js';
import { readSource } from './readSource.js';
import { CONFIG_INVALID } from './rulesInfo.js';
import type { CliFinding } from './types.js';

export const CONFIG_NAMES = ['.vsphere-csi.yaml', '.vsphere-csi.yml'] as const;

export interface RunProblem {
  /** Absolute path the problem is about, if any. */
  path?: string;
  line?: number;
  column?: number;
  message: string;
  /** Also reported as a finding (config-invalid), so report formats need not repeat it. */
  isFinding?: boolean;
}

export interface LoadedConfig {
  index: number;
  /** Absolute path of the config file; undefined for the defaults. */
  path: string | undefined;
  config: ResolvedConfig;
  /** Whether the config's `ignore` globs (relative to its folder) exclude a path. */
  isIgnored(absPath: string, isDirectory: boolean): boolean;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export class ConfigSet {
  readonly configs: ResolvedConfig[] = [];
  readonly problems: RunProblem[] = [];
  /** config-invalid findings by absolute config path. */
  readonly findings = new Map<string, CliFinding[]>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly nearest = new Map<string, LoadedConfig>();
  private readonly defaults: LoadedConfig;
  private readonly explicit: LoadedConfig | undefined;

  constructor(
    private readonly service: LanguageService,
    explicitPath: string | undefined,
  ) {
    this.configs.push(service.defaultConfig());
    this.defaults = { index: 0, path: undefined, config: this.configs[0]!, isIgnored: () => false };
    if (explicitPath !== undefined) this.explicit = this.load(path.resolve(explicitPath));
  }

  /** The config that applies to files in `dir` (absolute). */
  forDirectory(dir: string): LoadedConfig {
    if (this.explicit) return this.explicit;
    const visited: string[] = [];
    let current = dir;
    let found: LoadedConfig | undefined;
    for (;;) {
      const cached = this.nearest.get(current);
      if (cached) {
        found = cached;
        break;
      }
      visited.push(current);
      const configPath = CONFIG_NAMES.map((name) => path.join(current, name)).find(isFile);
      if (configPath) {
        found = this.load(configPath);
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    const result = found ?? this.defaults;
    for (const d of visited) this.nearest.set(d, result);
    return result;
  }

  forFile(filePath: string): LoadedConfig {
    return this.forDirectory(path.dirname(filePath));
  }

  private load(configPath: string): LoadedConfig {
    const existing = this.loaded.get(configPath);
    if (existing) return existing;
    const uri = pathToFileURL(configPath).href;
    const read = readSource(configPath);
    let config: ResolvedConfig;
    if (!read.ok) {
      this.problems.push({ path: configPath, message: `cannot read configuration: ${read.reason}; using the defaults` });
      config = this.service.defaultConfig();
    } else {
      const parsed = this.service.parseConfig(read.source.text, uri);
      config = parsed.config;
      if (parsed.problems.length > 0) {
        const lines = new LineIndex(read.source.text);
        const findings: CliFinding[] = parsed.problems.map((problem) => {
          const start = Math.max(0, Math.min(problem.start, read.source.text.length));
          const end = Math.max(start, Math.min(problem.end, read.source.text.length));
          return toCliFinding(
            {
              ruleId: CONFIG_INVALID.id,
              severity: 'error',
              message: problem.message,
              uri,
              start,
              end,
              range: lines.range(start, end),
            },
            lines,
          );
        });
        this.findings.set(configPath, findings);
        for (const finding of findings) {
          this.problems.push({ path: configPath, line: finding.loc.line, column: finding.loc.column, message: finding.message, isFinding: true });
        }
      }
    }
    const dir = path.dirname(configPath);
    let matcher: ((p: string) => boolean) | undefined;
    if (config.ignore.length > 0) {
      try {
        matcher = picomatch(config.ignore, { dot: true });
      } catch (error) {
        this.problems.push({ path: configPath, message: `invalid ignore glob: ${(error as Error).message}` });
      }
    }
    const isIgnored = (absPath: string, isDirectory: boolean) => {
      if (!matcher) return false;
      const rel = toPosix(path.relative(dir, absPath));
      if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
      return matcher(rel) || (isDirectory && matcher(`${rel}/`));
    };
    this.configs.push(config);
    const loaded: LoadedConfig = { index: this.configs.length - 1, path: configPath, config, isIgnored };
    this.loaded.set(configPath, loaded);
    return loaded;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
