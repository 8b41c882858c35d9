// Tag categories (and their tags) from the vSphere Automation REST API: the JSON API under /api
// (vCenter 7.0 U2+) when present, else the older /rest API whose answers are wrapped in
// `{"value": ...}`. A session is created with basic auth and deleted afterwards.
import type { Transport } from './transport.js';
import { VCenterError, type TagCategoryInfo } from './types.js';

const MAX_ITEMS = 20_000;
const PARALLEL = 4;

interface Flavor {
  name: '/api' | '/rest';
  session: string;
  categories: string;
  category(id: string): string;
  tagsOfCategory(id: string): { path: string; body?: unknown };
  tag(id: string): string;
}

const API: Flavor = {
  name: '/api',
  session: '/api/session',
  categories: '/api/cis/tagging/category',
  category: (id) => `/api/cis/tagging/category/${encodeURIComponent(id)}`,
  tagsOfCategory: (id) => ({ path: '/api/cis/tagging/tag?action=list-tags-for-category', body: { category_id: id } }),
  tag: (id) => `/api/cis/tagging/tag/${encodeURIComponent(id)}`,
};

const REST: Flavor = {
  name: '/rest',
  session: '/rest/com/vmware/cis/session',
  categories: '/rest/com/vmware/cis/tagging/category',
  category: (id) => `/rest/com/vmware/cis/tagging/category/id:${encodeURIComponent(id)}`,
  tagsOfCategory: (id) => ({ path: `/rest/com/vmware/cis/tagging/tag/id:${encodeURIComponent(id)}?~action=list-tags-for-category` }),
  tag: (id) => `/rest/com/vmware/cis/tagging/tag/id:${encodeURIComponent(id)}`,
};

interface RawCategory {
  id?: string;
  name?: string;
  cardinality?: string;
  associable_types?: string[];
}

export async function readTagCategories(transport: Transport, user: string, password: string): Promise<TagCategoryInfo[]> {
  const session = await RestSession.create(transport, user, password);
  try {
    // An empty list may come as null (seen from vcsim).
    const ids = (await session.get<string[] | null>(session.flavor.categories, 'list tag categories')) ?? [];
    checkList(ids, 'tag categories');
    const categories = await mapLimited(ids, async (id) => session.get<RawCategory>(session.flavor.category(id), 'read a tag category'));
    const out: TagCategoryInfo[] = [];
    for (const [i, c] of categories.entries()) {
      const id = c.id ?? ids[i]!;
      const tagIds = (await session.send<string[] | null>('POST', session.flavor.tagsOfCategory(id), 'list the tags of a category')) ?? [];
      checkList(tagIds, 'tags');
      const tags = await mapLimited(tagIds, async (tagId) => (await session.get<{ name?: string }>(session.flavor.tag(tagId), 'read a tag')).name ?? '');
      out.push({
        name: c.name ?? '',
        id,
        ...(c.cardinality ? { cardinality: c.cardinality } : {}),
        associableTypes: [...(c.associable_types ?? [])].sort(),
        tags: tags.filter(Boolean).sort(),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await session.close();
  }
}

function checkList(list: unknown, what: string): asserts list is string[] {
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) throw new VCenterError('protocol', `unexpected answer when listing ${what}`);
  if (list.length > MAX_ITEMS) throw new VCenterError('protocol', `more than ${MAX_ITEMS} ${what}`);
}

async function mapLimited<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return out;
}

class RestSession {
  private constructor(
    private readonly transport: Transport,
    readonly flavor: Flavor,
    private token: string | undefined,
  ) {}

  static async create(transport: Transport, user: string, password: string): Promise<RestSession> {
    const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    const where = transport.endpoint.display;
    for (const flavor of [API, REST]) {
      const res = await transport.request({
        method: 'POST',
        path: flavor.session,
        headers: { authorization, accept: 'application/json' },
        what: 'create a REST session',
      });
      if (res.status === 404) continue;
      if (res.status === 401) throw new VCenterError('auth', `${where}${flavor.session} rejected the user name or password`);
      if (res.status === 403) throw new VCenterError('privilege', `${where}${flavor.session} refused a session: ${restMessage(res.body) ?? 'permission denied'}`);
      if (res.status !== 200 && res.status !== 201) {
        throw new VCenterError('protocol', `unexpected answer from ${where}${flavor.session} (HTTP ${res.status})`);
      }
      const value = unwrap(flavor, parseJson(res.body, where));
      if (typeof value !== 'string' || !value) throw new VCenterError('protocol', `${where}${flavor.session} returned no session id`);
      return new RestSession(transport, flavor, value);
    }
    throw new VCenterError('unsupported', `${where} has no vSphere Automation REST API (/api/session and /rest/com/vmware/cis/session answer 404), so tag categories cannot be read`);
  }

  get<T>(path: string, what: string): Promise<T> {
    return this.send<T>('GET', { path }, what);
  }

  async send<T>(method: 'GET' | 'POST', request: { path: string; body?: unknown }, what: string): Promise<T> {
    const where = this.transport.endpoint.display;
    if (!this.token) throw new VCenterError('protocol', 'the REST session is closed');
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const res = await this.transport.request({
      method,
      path: request.path,
      headers: {
        'vmware-api-session-id': this.token,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body,
      what,
    });
    const path = request.path.replace(/\?.*$/, '');
    if (res.status === 401) throw new VCenterError('auth', `${where} refused to ${what}: the REST session is not authenticated`);
    if (res.status === 403) {
      throw new VCenterError('privilege', `${where} refused to ${what}: ${restMessage(res.body) ?? 'the user lacks a privilege'}`);
    }
    if (res.status === 404) throw new VCenterError('unsupported', `${where} has no ${path} endpoint (needed to ${what})`);
    if (res.status < 200 || res.status > 299) {
      throw new VCenterError('protocol', `${where} failed to ${what} (HTTP ${res.status}${restMessage(res.body) ? `: ${restMessage(res.body)}` : ''})`);
    }
    return unwrap(this.flavor, parseJson(res.body, where)) as T;
  }

  async close(): Promise<void> {
    const token = this.token;
    this.token = undefined;
    if (!token) return;
    await this.transport
      .request({ method: 'DELETE', path: this.flavor.session, headers: { 'vmware-api-session-id': token }, what: 'delete the REST session' })
      .catch(() => undefined);
  }
}

function parseJson(body: string, where: string): unknown {
  try {
    return body.trim() ? JSON.parse(body) : undefined;
  } catch {
    throw new VCenterError('protocol', `${where} sent an answer that is not JSON`);
  }
}

function unwrap(flavor: Flavor, value: unknown): unknown {
  if (flavor.name === '/rest' && value && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
  return value;
}

/** The first message of a vAPI error (`/api`: messages[], `/rest`: value.messages[]). */
function restMessage(body: string): string | undefined {
  try {
    const v = JSON.parse(body) as { messages?: { default_message?: string }[]; value?: { messages?: { default_message?: string }[] } };
    const m = v.messages?.[0]?.default_message ?? v.value?.messages?.[0]?.default_message;
    return m ? m.replace(/\s+/g, ' ').slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}
