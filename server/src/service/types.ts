// Shared data types of the language service. Everything here is plain data so it can cross
// worker boundaries (structured clone) and be serialised into CLI or LSP output unchanged.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of text[start, end) (UTF-16 offsets into the whole file) by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** What applying the fix does, shown as the quick-fix title. */
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export type FindingTag = 'deprecated' | 'unnecessary';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  uri: string;
  /** Offsets into the file text, end exclusive. */
  start: number;
  end: number;
  range: Range;
  /** A safe fix: applied by `--fix` and source.fixAll. */
  fix?: Fix;
  /** Alternatives the user chooses between (did-you-mean); never applied automatically. */
  suggestions?: Fix[];
  related?: RelatedLocation[];
  tags?: FindingTag[];
}

export type Citation =
  | {
      kind: 'note';
      /** Post title as published. */
      title: string;
      blog: string;
      date: string;
      /** What the post says, in our words. */
      says?: string;
    }
  | {
      kind: 'driver';
      /** Source path in kubernetes-sigs/vsphere-csi-driver (or another named repository). */
      path: string;
      repo?: string;
      /** Driver versions the behaviour applies to, e.g. "v3.0.0 – v3.7.3". */
      versions: string;
      says?: string;
    }
  | {
      kind: 'kubernetes';
      path: string;
      repo: string;
      versions?: string;
      says?: string;
    };

/** How a file is read: Kubernetes YAML, the driver's csi-vsphere.conf, a .vmx file, or a script. */
export type FileLanguage = 'yaml' | 'csi-conf' | 'vmx' | 'shell' | 'powershell' | 'kickstart';

export interface SourceFile {
  uri: string;
  text: string;
  /** Defaults to what `languageForPath` says for the URI, else 'yaml'. */
  language?: FileLanguage;
}
