// Expands a VS Code snippet body the way the editor does when the user accepts every default:
// placeholders take their default text, choices their first option, bare tab stops stay empty,
// mirrors ($1 after ${1:x}) repeat the default, variables resolve from `variables` (else their
// default, else their name, as VS Code does), and transforms (${1/re/format/flags}) are applied.
// Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: Node[]; transform?: Transform };

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; group: number; modifier?: string; ifText?: string; elseText?: string };

interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(() => false);
    if (this.pos < this.src.length) throw this.error('unexpected text');
    return nodes;
  }

  private error(message: string): Error {
    return new Error(`snippet syntax: ${message} at ${this.pos} in ${JSON.stringify(this.src)}`);
  }

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  /** Nodes until `stop()` is true at the current position (the stop character is not consumed). */
  private sequence(stop: () => boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length && !stop()) {
      const c = this.peek();
      if (c === '\\' && ['$', '}', '\\'].includes(this.peek(1))) {
        text += this.peek(1);
        this.pos += 2;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; undefined when the `$` is plain text. */
  private dollar(): Node | undefined {
    const start = this.pos;
    this.pos++; // $
    const int = this.match(/^[0-9]+/);
    if (int !== undefined) return { kind: 'tabstop', index: Number(int) };
    const name = this.match(/^[_a-zA-Z][_a-zA-Z0-9]*/);
    if (name !== undefined) return { kind: 'variable', name };
    if (this.peek() !== '{') {
      this.pos = start;
      return undefined;
    }
    this.pos++; // {
    const index = this.match(/^[0-9]+/);
    if (index !== undefined) {
      const n = Number(index);
      if (this.eat('}')) return { kind: 'tabstop', index: n };
      if (this.eat(':')) {
        const children = this.sequence(() => this.peek() === '}');
        this.expect('}');
        return { kind: 'placeholder', index: n, children };
      }
      if (this.eat('|')) {
        const options = this.choiceOptions();
        return { kind: 'choice', index: n, options };
      }
      if (this.peek() === '/') {
        const transform = this.transform();
        this.expect('}');
        return { kind: 'tabstop', index: n, transform };
      }
      throw this.error('bad tab stop');
    }
    const variable = this.match(/^[_a-zA-Z][_a-zA-Z0-9]*/);
    if (variable === undefined) throw this.error('bad ${...}');
    if (this.eat('}')) return { kind: 'variable', name: variable };
    if (this.eat(':')) {
      const children = this.sequence(() => this.peek() === '}');
      this.expect('}');
      return { kind: 'variable', name: variable, children };
    }
    if (this.peek() === '/') {
      const transform = this.transform();
      this.expect('}');
      return { kind: 'variable', name: variable, transform };
    }
    throw this.error('bad variable');
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    for (;;) {
      const c = this.peek();
      if (c === '') throw this.error('unterminated choice');
      if (c === '\\' && [',', '|', '\\', '$', '}'].includes(this.peek(1))) {
        current += this.peek(1);
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.peek(1) === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
  }

  /** `/regex/format/options` (the caller consumes the closing brace). */
  private transform(): Transform {
    this.expect('/');
    const regex = this.until('/', true);
    this.expect('/');
    const format = this.format();
    this.expect('/');
    const flags = this.match(/^[a-z]*/) ?? '';
    return { regex: new RegExp(regex, flags), format };
  }

  private until(end: string, keepEscapes: boolean): string {
    let out = '';
    while (this.peek() !== end) {
      if (this.peek() === '') throw this.error(`missing ${end}`);
      if (this.peek() === '\\' && this.peek(1) === end) {
        out += keepEscapes ? `\\${end}` : end;
        this.pos += 2;
      } else {
        out += this.peek();
        this.pos++;
      }
    }
    return out;
  }

  private format(): FormatPart[] {
    const parts: FormatPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.peek() !== '/') {
      const c = this.peek();
      if (c === '') throw this.error('unterminated format');
      if (c === '\\' && ['/', '$', '\\'].includes(this.peek(1))) {
        text += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        const save = this.pos;
        this.pos++;
        const plain = this.match(/^[0-9]+/);
        if (plain !== undefined) {
          flush();
          parts.push({ kind: 'group', group: Number(plain) });
          continue;
        }
        if (this.eat('{')) {
          const group = this.match(/^[0-9]+/);
          if (group === undefined) throw this.error('bad format group');
          flush();
          const part: FormatPart = { kind: 'group', group: Number(group) };
          if (this.eat(':')) {
            if (this.eat('/')) part.modifier = this.match(/^[a-z]+/);
            else if (this.eat('+')) part.ifText = this.formatText(['}']);
            else if (this.eat('?')) {
              part.ifText = this.formatText([':']);
              this.expect(':');
              part.elseText = this.formatText(['}']);
            } else if (this.eat('-')) part.elseText = this.formatText(['}']);
            else part.elseText = this.formatText(['}']);
          }
          this.expect('}');
          parts.push(part);
          continue;
        }
        this.pos = save;
      }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private formatText(ends: string[]): string {
    let out = '';
    while (!ends.includes(this.peek())) {
      if (this.peek() === '') throw this.error('unterminated format text');
      if (this.peek() === '\\' && this.peek(1) !== '') {
        out += this.peek(1);
        this.pos += 2;
      } else {
        out += this.peek();
        this.pos++;
      }
    }
    return out;
  }

  private match(re: RegExp): string | undefined {
    const m = re.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private eat(s: string): boolean {
    if (this.src.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  private expect(s: string): void {
    if (!this.eat(s)) throw this.error(`expected ${JSON.stringify(s)}`);
  }
}

function applyTransform(value: string, transform: Transform): string {
  return value.replace(transform.regex, (...args: unknown[]) => {
    // (match, group 1..n, offset, whole string[, named groups])
    const named = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null;
    const groups = args.slice(0, named ? -3 : -2) as Array<string | undefined>;
    return transform.format
      .map((part) => {
        if (part.kind === 'text') return part.value;
        const g = groups[part.group] ?? '';
        if (part.modifier) return modify(g, part.modifier);
        if (part.ifText !== undefined) return g ? part.ifText : (part.elseText ?? '');
        if (part.elseText !== undefined) return g || part.elseText;
        return g;
      })
      .join('');
  });
}

function modify(value: string, modifier: string): string {
  switch (modifier) {
    case 'upcase':
      return value.toUpperCase();
    case 'downcase':
      return value.toLowerCase();
    case 'capitalize':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case 'camelcase':
    case 'pascalcase': {
      const words = value.split(/[^a-zA-Z0-9]+/).filter(Boolean);
      const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
      return modifier === 'camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
    }
    default:
      throw new Error(`snippet syntax: unknown format modifier /${modifier}`);
  }
}

export interface ExpandOptions {
  /** Values of snippet variables (TM_FILENAME, CURRENT_YEAR, ...). */
  variables?: Record<string, string>;
}

/** The text VS Code inserts for `body` when every placeholder keeps its default. */
export function expandSnippet(body: string, options: ExpandOptions = {}): string {
  const nodes = new Parser(body).parse();
  const variables = options.variables ?? {};
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === 'placeholder') {
        if (!defaults.has(node.index)) defaults.set(node.index, node.children);
        collect(node.children);
      } else if (node.kind === 'choice') {
        if (!defaults.has(node.index)) defaults.set(node.index, node.options[0] ?? '');
      } else if (node.kind === 'variable' && node.children) {
        collect(node.children);
      }
    }
  };
  collect(nodes);

  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const value = defaults.get(index);
    if (value === undefined) return '';
    if (typeof value === 'string') return value;
    if (resolving.has(index)) throw new Error(`snippet syntax: placeholder $${index} contains itself`);
    resolving.add(index);
    const text = render(value);
    resolving.delete(index);
    return text;
  };
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            return node.transform ? applyTransform(valueOf(node.index), node.transform) : valueOf(node.index);
          case 'placeholder':
          case 'choice':
            return valueOf(node.index);
          case 'variable': {
            const known = Object.prototype.hasOwnProperty.call(variables, node.name) ? variables[node.name] : undefined;
            if (known !== undefined && known !== '') return node.transform ? applyTransform(known, node.transform) : known;
            if (node.children) return render(node.children);
            return known ?? node.name;
          }
        }
      })
      .join('');
  return render(nodes);
}
