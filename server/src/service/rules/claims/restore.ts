// What the restore-size rules need to know about a claim restored from a VolumeSnapshot: the
// requested size, and when the workspace has them, the snapshot and the claim it was taken of.
import type { Node } from 'yaml';
import { SNAPSHOT_API_GROUP } from '../../knowledge/snapshots.js';
import { parseQuantity } from '../../util/quantity.js';
import { findClaim, findSnapshot, type ClaimEntry, type SnapshotEntry } from '../../workspaceIndex.js';
import { getNode, scalarText } from '../../yaml/ast.js';
import type { RuleContext } from '../rule.js';
import { dataSources, type AnalyzedClaim, type DataSourceRef } from './claimSpecs.js';

export interface RestoreFacts {
  source: DataSourceRef;
  storageNode: Node;
  /** The request as written. */
  requestedText: string;
  requestedBytes: number;
  snapshot: SnapshotEntry | undefined;
  sourceClaim: ClaimEntry | undefined;
  /** The source claim's request in bytes, when it is a valid positive quantity. */
  sourceBytes: number | undefined;
}

export function restoreFacts(context: RuleContext, claim: AnalyzedClaim): RestoreFacts | undefined {
  const source = dataSources(claim.spec, context.doc).find((ref) => ref.kind === 'VolumeSnapshot' && ref.apiGroup === SNAPSHOT_API_GROUP && ref.name);
  if (!source) return undefined;
  const storageNode = getNode(claim.spec, ['resources', 'requests', 'storage'], context.doc);
  const requestedText = scalarText(storageNode, context.doc)?.trim();
  const requested = requestedText ? parseQuantity(requestedText) : undefined;
  if (!storageNode || !requestedText || !requested || !(requested.bytes > 0)) return undefined;
  const snapshot = findSnapshot(context.index, source.name!, source.namespace ?? claim.namespace);
  const sourceClaim = snapshot?.sourceClaim ? findClaim(context.index, snapshot.sourceClaim, snapshot.namespace ?? claim.namespace) : undefined;
  const sourceQuantity = sourceClaim?.storage ? parseQuantity(sourceClaim.storage.trim()) : undefined;
  return {
    source,
    storageNode,
    requestedText,
    requestedBytes: requested.bytes,
    snapshot,
    sourceClaim,
    sourceBytes: sourceQuantity && sourceQuantity.bytes > 0 ? sourceQuantity.bytes : undefined,
  };
}
