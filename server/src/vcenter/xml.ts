// Building SOAP envelopes and reading SOAP responses.
//
// Envelopes are built from small `el()` calls: text content is always XML-escaped, nested
// elements are passed as `Xml` values, so a value can never turn into markup. Responses are
// parsed with fast-xml-parser; namespace prefixes are dropped from element names and the
// `xsi:type` attribute (vcsim writes it as `XMLSchema-instance:type`) becomes `@xsiType`, apart
// from the plain `type` attribute of managed object references (`@type`).
import { XMLParser } from 'fast-xml-parser';

/** A piece of already-built XML. */
export class Xml {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

type Content = Xml | string | number | boolean | undefined | null | readonly Content[];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function render(content: Content): string {
  if (content === undefined || content === null) return '';
  if (content instanceof Xml) return content.xml;
  if (Array.isArray(content)) return content.map(render).join('');
  return escapeXml(String(content));
}

/** `<name attr="...">content</name>`; strings and numbers in `content` are escaped. */
export function el(name: string, content?: Content, attrs: Record<string, string> = {}): Xml {
  const attrText = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return new Xml(`<${name}${attrText}>${render(content)}</${name}>`);
}

/** Several elements with the same name, one per value. */
export function each(name: string, values: readonly Content[]): Xml {
  return new Xml(values.map((v) => el(name, v).xml).join(''));
}

export interface MoRef {
  type: string;
  value: string;
}

/** A managed object reference argument: `<name type="Folder">group-d1</name>`. */
export function moRef(name: string, ref: MoRef): Xml {
  return el(name, ref.value, { type: ref.type });
}

export function envelope(body: Xml, header?: Xml): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (header ? `<soapenv:Header>${header.xml}</soapenv:Header>` : '') +
    `<soapenv:Body>${body.xml}</soapenv:Body></soapenv:Envelope>`
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A parsed element: a string for text-only elements, an object otherwise. */
export type Node = string | { [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  transformTagName: (name) => localName(name),
  transformAttributeName: (name) => {
    // `@xsi:type`, `@XMLSchema-instance:type`: the schema type of a value.
    if (name.includes(':') && localName(name) === 'type') return '@xsiType';
    return name;
  },
});

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

export function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Text content of an element ('' when missing). */
export function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (isObject(node)) {
    const t = node['#text'];
    return typeof t === 'string' ? t : t === undefined ? '' : String(t);
  }
  if (node === undefined || node === null) return '';
  return String(node);
}

/** Child element(s) named `name` as an array (the parser gives a single child as an object). */
export function children(node: unknown, name: string): unknown[] {
  if (!isObject(node)) return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function child(node: unknown, name: string): unknown {
  return children(node, name)[0];
}

export function childText(node: unknown, name: string): string | undefined {
  const c = child(node, name);
  return c === undefined ? undefined : text(c);
}

/** The `xsi:type` of an element, if any. */
export function xsiType(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  const t = node['@xsiType'];
  return typeof t === 'string' ? localName(t) : undefined;
}

export function toMoRef(node: unknown): MoRef | undefined {
  if (!isObject(node) && typeof node !== 'string') return undefined;
  const type = isObject(node) ? node['@type'] : undefined;
  const value = text(node);
  if (typeof type !== 'string' || !value) return undefined;
  return { type, value };
}
