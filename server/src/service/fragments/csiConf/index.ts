// The csi-vsphere.conf fragment language: standalone files (`csi-vsphere.conf`, or a `*.conf` with
// the driver's sections) and the conf embedded in the Secret vsphere-config-secret.
import type { K8sObject, ParsedFile } from '../../parse.js';
import { wholeFileFragmentBase } from '../../parseFile.js';
import type { ExtractedFragment, Fragment, FragmentIndexFacts, FragmentLanguageSupport, FragmentProblem } from '../types.js';
import { complete, hover } from './assist.js';
import { embeddedConf } from './embedded.js';
import { lastEntry, sectionsNamed, type CsiConf } from './model.js';
import { parseCsiConf, type ConfDocument } from './parser.js';
import { csiConfRules, csiConfSyntax } from './rules/index.js';

/** Parser problems, plus unquoted subsection names outside [VirtualCenter] (which has a rule with a fix). */
function syntaxProblems(doc: ConfDocument): FragmentProblem[] {
  const problems: FragmentProblem[] = doc.problems.map(({ message, start, end }) => ({ message, start, end }));
  for (const section of doc.sections) {
    if (section.subQuoted || section.lower === 'virtualcenter' || section.subStart === undefined || section.subEnd === undefined) continue;
    problems.push({
      message: `The subsection name must be in double quotes ([${section.name} "${section.subsection}"]); gcfg cannot read the header otherwise.`,
      start: section.subStart,
      end: section.subEnd,
    });
  }
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

function extract(base: Omit<Fragment<CsiConf>, 'language' | 'parsed'>, unreadable?: FragmentProblem): ExtractedFragment<CsiConf> {
  const doc = parseCsiConf(base.text);
  const parsed: CsiConf = unreadable ? { doc, unreadable: true } : { doc };
  return { fragment: { language: 'csi-conf', ...base, parsed }, problems: [...(unreadable ? [unreadable] : []), ...syntaxProblems(doc)] };
}

export const csiConfSupport: FragmentLanguageSupport<CsiConf> = {
  language: 'csi-conf',
  syntaxRule: csiConfSyntax,
  rules: csiConfRules,
  fileLanguages: ['csi-conf'],
  objectKinds: ['VsphereConfigSecret'],

  fromFile(text) {
    return [extract(wholeFileFragmentBase(text))];
  },

  fromObject(object: K8sObject, fileText: string) {
    const embedded = embeddedConf(object, fileText);
    if (!embedded) return [];
    const { problem, ...base } = embedded;
    return [extract({ ...base, owner: object }, problem ? { message: problem, start: 0, end: 0 } : undefined)];
  },

  indexFacts(fragment, file: ParsedFile): Partial<FragmentIndexFacts> {
    const entry = lastEntry(sectionsNamed(fragment.parsed.doc, 'labels'), 'topology-categories');
    const value = entry?.value;
    if (!value) return {};
    const categories = value.text
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (categories.length === 0) return {};
    const start = fragment.toFileOffset(value.start);
    const end = fragment.toFileOffset(value.end);
    const [s, e] = start === undefined || end === undefined || end < start ? fragment.anchor : [start, end];
    return { topologyCategories: [{ categories, uri: file.uri, start: s, end: e }] };
  },

  hover: (fragment, offset) => hover(fragment, offset),
  complete: (fragment, offset, config) => complete(fragment, offset, config),
};
