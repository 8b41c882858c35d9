// Turns the command line's paths and globs into the list of files to lint: walks folders for the
// file types the service reads (WALKED_FILE_GLOBS: YAML, csi-vsphere.conf, .vmx, shell and
// PowerShell scripts, kickstart and boot.cfg files; a *.conf only when its sections are the
// driver's), skips node_modules, .git and the config's ignore globs, follows symbolic links but
// never enters the same real folder twice (loops end), and never lints one real file twice. Files
// named on the command line are linted whatever their name.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { languageForPath, WALKED_FILE_GLOBS } from '../service/index.js';
import { CONFIG_NAMES, type ConfigSet, type RunProblem } from './configs.js';
import { describeFsError } from './readSource.js';

export interface Candidate {
  /** Absolute path as reached (symbolic links not resolved): shown in output, used for config discovery. */
  path: string;
  /** Absolute real path: read and written. */
  realPath: string;
  size: number;
  /** Reached through a symbolic link (file or folder). */
  viaLink: boolean;
}

export interface Discovery {
  files: Candidate[];
  problems: RunProblem[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const toPosix = (p: string) => p.split(path.sep).join('/');
const walkedName = picomatch([...WALKED_FILE_GLOBS], { nocase: true, dot: true });
/** How much of a *.conf is read to tell a driver conf from other INI files. */
const CONF_SNIFF_BYTES = 64 * 1024;

/** Whether a *.conf file's sections are the driver's (unreadable files are left out). */
function isDriverConf(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(CONF_SNIFF_BYTES);
    const read = fs.readSync(fd, buffer, 0, CONF_SNIFF_BYTES, 0);
    return languageForPath(file, buffer.subarray(0, read).toString('utf8')) === 'csi-conf';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A *.conf the walk should skip: not named csi-vsphere.conf and without the driver's sections. */
function isForeignConf(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return name.endsWith('.conf') && name !== 'csi-vsphere.conf' && !isDriverConf(file);
}

/** Files a folder walk takes: the service's file types, by name (and, for *.conf, by content). */
export function isWalkedFile(file: string): boolean {
  return walkedName(path.basename(file)) && !isForeignConf(file);
}

export function collectFiles(args: readonly string[], cwd: string, configs: ConfigSet): Discovery {
  const problems: RunProblem[] = [];
  const byReal = new Map<string, Candidate>();
  const deferred: Array<{ dir: string; origin: Origin }> = [];

  const add = (candidate: Candidate) => {
    const existing = byReal.get(candidate.realPath);
    // One real file is linted once; prefer the path that does not go through a link, then the shortest name.
    if (!existing || better(candidate, existing)) byReal.set(candidate.realPath, candidate);
  };

  const walk = (root: string, origin: Origin, rootViaLink: boolean) => {
    const { filter } = origin;
    const stack: Array<{ dir: string; viaLink: boolean }> = [{ dir: root, viaLink: rootViaLink }];
    while (stack.length > 0) {
      const { dir, viaLink } = stack.pop()!;
      let real: string;
      let entries: fs.Dirent[];
      try {
        real = fs.realpathSync(dir);
        if (origin.visited.has(real)) continue;
        origin.visited.add(real);
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        problems.push({ path: dir, message: `cannot read directory: ${describeFsError(error)}` });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const config = configs.forDirectory(dir);
      const subdirs: Array<{ dir: string; viaLink: boolean }> = [];
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (SKIPPED_DIRS.has(entry.name)) continue;
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        const isLink = entry.isSymbolicLink();
        let stat: fs.Stats | undefined;
        if (isLink || (!isDir && !isFile)) {
          try {
            stat = fs.statSync(full);
            isDir = stat.isDirectory();
            isFile = stat.isFile();
          } catch (error) {
            // A dangling or looping link is only worth a word when it looks like a manifest.
            if (filter(full)) problems.push({ path: full, message: describeFsError(error) });
            continue;
          }
        }
        if (isDir) {
          if (config.isIgnored(full, true)) continue;
          if (isLink) deferred.push({ dir: full, origin });
          else subdirs.push({ dir: full, viaLink });
        } else if (isFile) {
          if (!filter(full) || CONFIG_NAMES.includes(entry.name as (typeof CONFIG_NAMES)[number])) continue;
          if (config.isIgnored(full, false)) continue;
          try {
            stat ??= fs.statSync(full);
            add({ path: full, realPath: isLink ? fs.realpathSync(full) : path.join(real, entry.name), size: stat.size, viaLink: viaLink || isLink });
            origin.hits++;
          } catch (error) {
            problems.push({ path: full, message: describeFsError(error) });
          }
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  };

  const globs: Array<{ arg: string; origin: Origin }> = [];

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    let statError: unknown;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      statError = error;
    }
    if (stat?.isDirectory()) {
      walk(abs, { filter: isWalkedFile, hits: 0, visited: new Set() }, isLinkPath(abs));
      continue;
    }
    if (stat) {
      if (!stat.isFile()) {
        problems.push({ path: abs, message: 'not a regular file; skipped' });
        continue;
      }
      try {
        add({ path: abs, realPath: fs.realpathSync(abs), size: stat.size, viaLink: isLinkPath(abs) });
      } catch (error) {
        problems.push({ path: abs, message: describeFsError(error) });
      }
      continue;
    }
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const base = path.resolve(cwd, scan.base || '.');
      const absolute = path.isAbsolute(arg);
      const matcher = picomatch(toPosix(absolute ? arg : path.normalize(arg)), { dot: false });
      // A glob is a walk too: *.conf files that are not the driver's are left out.
      const matches = (p: string) => matcher(toPosix(absolute ? p : path.relative(cwd, p))) && !isForeignConf(p);
      const origin: Origin = { filter: matches, hits: 0, visited: new Set() };
      globs.push({ arg, origin });
      if (fs.existsSync(base)) walk(base, origin, isLinkPath(base));
      continue;
    }
    const code = (statError as NodeJS.ErrnoException | undefined)?.code;
    problems.push({ path: abs, message: code === 'ENOENT' && isLinkPath(abs) ? 'dangling symbolic link' : describeFsError(statError) });
  }

  // Folders reached through symbolic links come last, so a real folder is always preferred.
  while (deferred.length > 0) {
    const { dir, origin } = deferred.shift()!;
    walk(dir, origin, true);
  }
  for (const { arg, origin } of globs) if (origin.hits === 0) problems.push({ message: `no files match "${arg}"` });

  const files = [...byReal.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

interface Origin {
  /** Which files of a walked folder to take (the walked file types for folders, the pattern for globs). */
  filter: (p: string) => boolean;
  hits: number;
  /** Real paths of the folders this argument's walk has entered (ends symbolic link loops). */
  visited: Set<string>;
}

function better(candidate: Candidate, existing: Candidate): boolean {
  if (candidate.viaLink !== existing.viaLink) return !candidate.viaLink;
  if (candidate.path.length !== existing.path.length) return candidate.path.length < existing.path.length;
  return candidate.path < existing.path;
}

function isLinkPath(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
