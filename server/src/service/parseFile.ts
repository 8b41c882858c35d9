// Parses any file we analyse: YAML through parse.ts (plus fragments embedded in its objects),
// other languages (csi-vsphere.conf, .vmx, scripts, kickstart) through their fragment supports.
import { languageForPath } from './languages.js';
import { DEFAULT_PARSE_LIMITS, parseYamlFile, type K8sObject, type ParsedFile, type ParsedFragment, type ParseLimits } from './parse.js';
import type { ExtractedFragment, FragmentLanguage, FragmentLanguageSupport } from './fragments/types.js';
import { LineIndex } from './util/lineIndex.js';
import type { FileLanguage, SourceFile } from './types.js';
import { definitionEntries, extractIndexEntries, mayDefineIndexDefinitions, type FileIndexEntries } from './workspaceIndex.js';

function toParsed(support: FragmentLanguageSupport, extracted: ExtractedFragment, file: ParsedFile): ParsedFragment {
  const parsed: ParsedFragment = { support: support.language, fragment: extracted.fragment, problems: extracted.problems };
  const facts = support.indexFacts?.(extracted.fragment, file);
  if (facts) parsed.facts = facts;
  return parsed;
}

/**
 * The fragments embedded in one YAML object of `file` (the language server uses it for the
 * objects of a re-parsed chunk; parseSourceFile for every object of the file).
 */
export function objectFragments(
  file: ParsedFile,
  object: K8sObject,
  supports: ReadonlyMap<FragmentLanguage, FragmentLanguageSupport>,
): ParsedFragment[] {
  const out: ParsedFragment[] = [];
  for (const support of supports.values()) {
    if (!support.fromObject || !support.objectKinds.includes(object.kind)) continue;
    for (const extracted of support.fromObject(object, file.text)) out.push(toParsed(support, extracted, file));
  }
  return out;
}

export function parseSourceFile(
  file: SourceFile,
  supports: ReadonlyMap<FragmentLanguage, FragmentLanguageSupport>,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParsedFile {
  const language: FileLanguage = file.language ?? languageForPath(file.uri, file.text) ?? 'yaml';
  if (language === 'yaml') {
    const parsed = parseYamlFile(file, limits);
    for (const object of parsed.objects) {
      if (parsed.brokenDocs.has(object.docIndex)) continue;
      parsed.fragments.push(...objectFragments(parsed, object, supports));
    }
    return parsed;
  }

  let lineIndex: LineIndex | undefined;
  const parsed: ParsedFile = {
    uri: file.uri,
    text: file.text,
    language,
    fragments: [],
    docs: [],
    objects: [],
    syntaxProblems: [],
    brokenDocs: new Set(),
    lines: () => (lineIndex ??= new LineIndex(file.text)),
  };
  if (file.text.length > limits.maxBytes) {
    parsed.syntaxProblems.push({ code: 'TOO_LARGE', message: 'File is too large and was not analysed.', start: 0, end: 0 });
    return parsed;
  }
  for (const support of supports.values()) {
    if (!support.fromFile || !support.fileLanguages.includes(language)) continue;
    for (const extracted of support.fromFile(file.text, language)) parsed.fragments.push(toParsed(support, extracted, parsed));
  }
  return parsed;
}

/**
 * The DEFINITION_KEYS entries of a file (StorageClasses, VolumeSnapshotClasses, feature states;
 * see workspaceIndex.ts), the same as definitionEntries(extractIndexEntries(parseSourceFile(file)))
 * gives, for a fraction of the work: only YAML files define them, and only the documents whose
 * text may (mayDefineIndexDefinitions holds per document as it does per file) are parsed. Lets
 * the CLI know every definition of a run before it parses and lints any file in full.
 */
export function scanIndexDefinitions(file: SourceFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS): FileIndexEntries {
  const language: FileLanguage = file.language ?? languageForPath(file.uri, file.text) ?? 'yaml';
  if (language !== 'yaml' || !mayDefineIndexDefinitions(file.text)) {
    return { uri: file.uri, topologyCategories: [], storageClasses: [], claims: [], snapshots: [], snapshotClasses: [], featureStates: [] };
  }
  return definitionEntries(extractIndexEntries(parseYamlFile(file, limits, mayDefineIndexDefinitions)));
}

/** Identity mapping for fragments that are a whole file. */
export function wholeFileFragmentBase(text: string) {
  return {
    text,
    toFileOffset: (offset: number) => offset,
    anchor: [0, 0] as [number, number],
    editable: true,
  };
}
