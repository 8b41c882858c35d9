// Sources the rules cite. Posts are cited by title, blog and date; driver behaviour by source
// path in kubernetes-sigs/vsphere-csi-driver and the releases it applies to.
import type { Citation } from '../types.js';

export const CSI_DRIVER_REPO = 'kubernetes-sigs/vsphere-csi-driver';

export const notes = {
  csiDriverPost: {
    kind: 'note',
    title: 'Kubernetes vSphere CSI Driver',
    blog: 'a VMware TAM’s vSphere blog (posts of 2021)',
    date: '2021-10-20',
  },
} as const satisfies Record<string, Citation>;

export function note(base: (typeof notes)[keyof typeof notes], says: string): Citation {
  return { ...base, says };
}

export function driver(path: string, versions: string, says: string): Citation {
  return { kind: 'driver', repo: CSI_DRIVER_REPO, path, versions, says };
}

export function kubernetes(repo: string, path: string, says: string, versions?: string): Citation {
  return { kind: 'kubernetes', repo, path, says, ...(versions ? { versions } : {}) };
}

/** Renders a citation as one line of plain text (for --explain, SARIF help and hovers). */
export function formatCitation(citation: Citation): string {
  switch (citation.kind) {
    case 'note':
      return `“${citation.title}”, ${citation.blog}, ${citation.date}${citation.says ? ` — ${citation.says}` : ''}`;
    case 'driver':
      return `${citation.repo ?? CSI_DRIVER_REPO}: ${citation.path} (${citation.versions})${citation.says ? ` — ${citation.says}` : ''}`;
    case 'kubernetes':
      return `${citation.repo}: ${citation.path}${citation.versions ? ` (${citation.versions})` : ''}${citation.says ? ` — ${citation.says}` : ''}`;
  }
}
