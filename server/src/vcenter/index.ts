// The vCenter client: `connect()` logs in over SOAP and returns a VCenterSession that reads what
// the linter checks against (storage policies, datastores, tag categories, versions, node VMs).
//
// Transport is node:https only; SOAP for vim25 (/sdk), SPBM (/pbm) and, best effort, the vSAN
// management API (/vsanHealth, for vSAN File Services), the Automation REST API (/api or /rest)
// for tags. Every failure is a one-line VCenterError without the password.
import { openSession, scrubber } from './session.js';
import { parseServer, Transport } from './transport.js';
import type { ConnectionOptions, VCenterSession } from './types.js';

export * from './types.js';
export { DEFAULT_TIMEOUT_MS } from './transport.js';

export async function connect(options: ConnectionOptions): Promise<VCenterSession> {
  const scrub = scrubber(options.password, options.user);
  return scrub(async () => openSession(new Transport(parseServer(options.server), options), options.user, options.password, scrub));
}
