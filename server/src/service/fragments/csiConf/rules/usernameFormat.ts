import { driver } from '../../../knowledge/citations.js';
import { parseVersion, compareVersions } from '../../../util/version.js';
import { CONFIG_GO, USERNAME_PATTERN } from '../knowledge.js';
import { lastEntry, legacyVcenterIp, sectionsNamed, vcenters, vcSetting } from '../model.js';
import type { ConfEntry } from '../parser.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

/** Releases that refuse a user without a domain: v2.6.4 (on the 2.6 line) and v3.1.2 onwards. */
export function checksUsername(version: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return true;
  if (compareVersions(parsed, [3, 1, 2]) >= 0) return true;
  return compareVersions(parsed, [2, 6, 4]) >= 0 && compareVersions(parsed, [2, 7, 0]) < 0;
}

/** Sample values such as "vcenter username", "<user>", "${VC_USER}". */
export function isPlaceholder(value: string): boolean {
  if (/<[^>]*>|\$\{|\{\{|%[A-Z_]+%/.test(value)) return true;
  if (/^(?:changeme|replace[-_ ]?me|todo|tbd|x{3,}|user(?:name)?|vcenter[-_ ]?user(?:name)?)$/i.test(value)) return true;
  return /\s/.test(value) && /\b(?:user ?name|user|password|example|replace|your)\b/i.test(value);
}

export const csiConfUsernameFormat: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-username-format',
    defaultSeverity: 'error',
    description: 'A vCenter `user` in csi-vsphere.conf that is not domain-qualified (`user@domain` or `DOMAIN\\user`).',
    why: 'Without a domain, vCenter privilege lookups for the user return no datastores and volume creation fails. From v3.1.2 (and in v2.6.4) the driver refuses such a user at start-up with "username is invalid, make sure it is a fully qualified domain username", and the vsphere-csi-controller pod crash-loops.',
    docs: [
      'The driver accepts exactly `name@domain` or `DOMAIN\\name` (letters, digits, `.`, `-`, and `_` in the name part).',
      '',
      '```ini',
      '[VirtualCenter "vc.example.com"]',
      'user = "administrator"                 # wrong: no SSO domain',
      'user = "administrator@vsphere.local"   # right',
      'user = "CORP\\\\svc-k8s"                  # right (the backslash doubled inside quotes)',
      '```',
      '',
      'Sample values such as `"vcenter username"` or `"<user>"` are reported as a note (fill them in before deploying). With a `driver.version` that does not check the format the finding is a warning.',
    ],
    citations: [
      driver(`${CONFIG_GO.replace(' (validateConfig)', '')} (isValidvCenterUsernameWithDomain, validateConfig)`, 'v2.6.4, v3.1.2 – v3.8.0-rc.1', 'the user must match ^(?:[a-zA-Z0-9.-]+\\\\[a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+)$, else "username is invalid, make sure it is a fully qualified domain username".'),
    ],
    fixable: false,
  }),
  check(context) {
    const { doc } = context.fragment.parsed;
    const users = new Map<number, ConfEntry>();
    for (const vc of vcenters(doc)) {
      if (vc.host === '') continue;
      const user = vcSetting(doc, vc, 'user');
      if (user) users.set(user.nameStart, user);
    }
    if (legacyVcenterIp(doc)) {
      const user = lastEntry(sectionsNamed(doc, 'global'), 'user');
      if (user) users.set(user.nameStart, user);
    }
    const version = context.config.driver.version;
    for (const entry of users.values()) {
      const value = entry.value;
      if (!value || value.text === '' || USERNAME_PATTERN.test(value.text)) continue;
      const span: [number, number] = [value.start, value.end];
      if (isPlaceholder(value.text)) {
        report(context, span, `user = ${value.raw} looks like a placeholder: fill in a domain-qualified vCenter user (user@domain or DOMAIN\\user) before deploying; as written the driver would refuse it.`, {
          severity: 'info',
        });
        continue;
      }
      const hint = value.text.includes('@') || value.text.includes('\\') ? '' : ` Add the SSO domain, e.g. "${value.text}@vsphere.local".`;
      if (checksUsername(version)) {
        report(context, span, `user = ${value.raw} is not of the form user@domain or DOMAIN\\user: the driver stops with "username is invalid, make sure it is a fully qualified domain username", so ${CRASH}.${hint}`);
      } else {
        report(
          context,
          span,
          `user = ${value.raw} is not of the form user@domain or DOMAIN\\user: driver v${version} starts, but privilege checks for a user without a domain find no datastores, so volume creation fails (v3.1.2 and later refuse to start).${hint}`,
          { severity: 'warning' },
        );
      }
    }
  },
};
