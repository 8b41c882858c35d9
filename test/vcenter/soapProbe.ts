// Looks at the simulator from the side, with the client's own SOAP pieces: how many sessions the
// SessionManager currently holds (its sessionList, which includes the probe's own session).
import { retrieveObjects, retrieveServiceContent } from '../../server/src/vcenter/propertyCollector.js';
import { SoapClient } from '../../server/src/vcenter/soap.js';
import { parseServer, Transport } from '../../server/src/vcenter/transport.js';
import { children } from '../../server/src/vcenter/xml.js';
import { el, moRef } from '../../server/src/vcenter/xml.js';
import type { Vcsim } from '../helpers/vcsim.js';

export async function countSessions(vc: Vcsim): Promise<number> {
  const transport = new Transport(parseServer(vc.server), { caFile: vc.caFile });
  const soap = new SoapClient(transport);
  try {
    const content = await retrieveServiceContent(soap);
    await soap.call('vim25', 'Login', [moRef('_this', content.sessionManager), el('userName', vc.user), el('password', vc.password)]);
    const [manager] = await retrieveObjects(soap, content, [content.sessionManager], ['sessionList']);
    const count = children(manager?.props.get('sessionList'), 'UserSession').length;
    await soap.call('vim25', 'Logout', [moRef('_this', content.sessionManager)]);
    return count;
  } finally {
    transport.close();
  }
}
