// Reading inventory objects: container views + PropertyCollector.RetrievePropertiesEx, paged
// with ContinueRetrievePropertiesEx and bounded in total.
import type { SoapClient } from './soap.js';
import { VCenterError } from './types.js';
import { child, childText, children, each, el, moRef, text, toMoRef, Xml, type MoRef } from './xml.js';

/** Objects asked for per page. */
export const PAGE_SIZE = 500;
/** Most objects read by one query, over all pages. */
export const MAX_OBJECTS = 100_000;

export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  about: { version: string; build?: string; apiVersion?: string; fullName?: string; apiType?: string };
}

export interface ObjectContent {
  ref: MoRef;
  /** Property path → the `<val>` element as parsed. */
  props: Map<string, unknown>;
}

export async function retrieveServiceContent(soap: SoapClient): Promise<ServiceContent> {
  const response = await soap.call('vim25', 'RetrieveServiceContent', [moRef('_this', { type: 'ServiceInstance', value: 'ServiceInstance' })]);
  const content = child(response, 'returnval');
  const ref = (name: string): MoRef => {
    const r = toMoRef(child(content, name));
    if (!r) throw new VCenterError('protocol', `the service content has no ${name}; is this a vSphere endpoint?`);
    return r;
  };
  const about = child(content, 'about');
  return {
    rootFolder: ref('rootFolder'),
    propertyCollector: ref('propertyCollector'),
    viewManager: ref('viewManager'),
    sessionManager: ref('sessionManager'),
    about: {
      version: childText(about, 'version') ?? '',
      build: childText(about, 'build'),
      apiVersion: childText(about, 'apiVersion'),
      fullName: childText(about, 'fullName'),
      apiType: childText(about, 'apiType'),
    },
  };
}


/**
 * Properties of every object of the given types below `container` (recursively), through a
 * container view that is destroyed afterwards.
 */
export async function retrieveFromContainer(soap: SoapClient, content: ServiceContent, container: MoRef, props: Record<string, string[]>): Promise<ObjectContent[]> {
  const created = await soap.call('vim25', 'CreateContainerView', [
    moRef('_this', content.viewManager),
    moRef('container', container),
    each('type', Object.keys(props)),
    el('recursive', true),
  ]);
  const view = toMoRef(child(created, 'returnval'));
  if (!view) throw new VCenterError('protocol', 'CreateContainerView returned no view');
  try {
    const objectSet = el('objectSet', [
      moRef('obj', view),
      el('skip', true),
      el('selectSet', [el('name', 'view'), el('type', 'ContainerView'), el('path', 'view'), el('skip', false)], { 'xsi:type': 'TraversalSpec' }),
    ]);
    return await retrieve(soap, content, props, objectSet);
  } finally {
    await soap.call('vim25', 'DestroyView', [moRef('_this', view)]).catch(() => undefined);
  }
}

/** Properties of the given objects (all of one type), in batches. */
export async function retrieveObjects(soap: SoapClient, content: ServiceContent, refs: MoRef[], paths: string[]): Promise<ObjectContent[]> {
  const out: ObjectContent[] = [];
  for (let i = 0; i < refs.length; i += 100) {
    const batch = refs.slice(i, i + 100);
    if (!batch.length) continue;
    const objectSets = batch.map((ref) => el('objectSet', [moRef('obj', ref), el('skip', false)]));
    out.push(...(await retrieve(soap, content, { [batch[0]!.type]: paths }, new Xml(objectSets.map((x) => x.xml).join('')))));
  }
  return out;
}

async function retrieve(soap: SoapClient, content: ServiceContent, props: Record<string, string[]>, objectSets: Xml): Promise<ObjectContent[]> {
  const propSets = Object.entries(props).map(([type, paths]) => el('propSet', [el('type', type), el('all', false), each('pathSet', paths)]));
  const spec = el('specSet', [...propSets, objectSets]);
  const out: ObjectContent[] = [];
  let response = await soap.call('vim25', 'RetrievePropertiesEx', [
    moRef('_this', content.propertyCollector),
    spec,
    el('options', el('maxObjects', PAGE_SIZE)),
  ]);
  for (;;) {
    const result = child(response, 'returnval');
    for (const object of children(result, 'objects')) {
      const ref = toMoRef(child(object, 'obj'));
      if (!ref) continue;
      const map = new Map<string, unknown>();
      for (const prop of children(object, 'propSet')) map.set(text(child(prop, 'name')), child(prop, 'val'));
      out.push({ ref, props: map });
    }
    const token = childText(result, 'token');
    if (!token) return out;
    if (out.length >= MAX_OBJECTS) {
      await soap.call('vim25', 'CancelRetrievePropertiesEx', [moRef('_this', content.propertyCollector), el('token', token)]).catch(() => undefined);
      throw new VCenterError('protocol', `more than ${MAX_OBJECTS} objects to read; narrow the query (datacenter, VM folder)`);
    }
    response = await soap.call('vim25', 'ContinueRetrievePropertiesEx', [moRef('_this', content.propertyCollector), el('token', token)]);
  }
}
