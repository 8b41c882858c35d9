import { citations } from '../knowledge.js';
import { lastEntry, legacyVcenterIp, sectionsNamed, stringOf, vcenters, vcSetting } from '../model.js';
import { CRASH, meta, report, type CsiConfRule } from '../report.js';

const ERRORS = { user: 'username is missing', password: 'password is missing' } as const;

export const csiConfCredentials: CsiConfRule = {
  fragment: 'csi-conf',
  meta: meta({
    id: 'csi-conf-credentials',
    defaultSeverity: 'error',
    description: 'A vCenter in csi-vsphere.conf without a `user` or `password`, neither in its `[VirtualCenter]` section nor in `[Global]`.',
    why: 'Each vCenter takes `user` and `password` from its own section, else from `[Global]`. When both are empty the driver stops with "username is missing" or "password is missing" and the vsphere-csi-controller pod crash-loops.',
    docs: [
      '```ini',
      '[Global]',
      'user = "administrator@vsphere.local"   # the default for every vCenter',
      '',
      '[VirtualCenter "vc1.example.com"]',
      'password = "…"                         # user comes from [Global]',
      '',
      '[VirtualCenter "vc2.example.com"]      # wrong: no password here or in [Global]',
      'user = "svc-k8s@vsphere.local"',
      '```',
      '',
      'An empty value (`password = ""`) counts as missing. Keys of the cloud provider such as `secret-name` do not supply credentials to the CSI driver.',
    ],
    citations: [citations.validate],
    fixable: false,
  }),
  check(context) {
    const { doc } = context.fragment.parsed;
    for (const vc of vcenters(doc)) {
      if (vc.host === '') continue; // csi-conf-vcenter-host
      for (const key of ['user', 'password'] as const) {
        if (stringOf(vcSetting(doc, vc, key)) !== '') continue;
        report(
          context,
          [vc.header.start, vc.header.end],
          `vCenter "${vc.host}" has no ${key}: neither its section nor [Global] sets one, so the driver stops with "${ERRORS[key]}" and ${CRASH}.`,
        );
      }
    }
    const legacy = legacyVcenterIp(doc);
    if (legacy) {
      for (const key of ['user', 'password'] as const) {
        if (stringOf(lastEntry(sectionsNamed(doc, 'global'), key)) !== '') continue;
        report(
          context,
          [legacy.nameStart, legacy.end],
          `The vCenter of [Global] vcenterip takes its ${key} from [Global], which sets none, so the driver stops with "${ERRORS[key]}" and ${CRASH}.`,
        );
      }
    }
  },
};
