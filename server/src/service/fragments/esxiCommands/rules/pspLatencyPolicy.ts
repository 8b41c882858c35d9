import { cite, posts } from '../knowledge.js';
import { code, settingWrites, span, valueText, type EsxiRule } from './helpers.js';

export const pspLatencyPolicy: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-psp-latency-policy',
    defaultSeverity: 'error',
    category: 'ESXi hosts',
    description: '`/Misc/EnablePSPLatencyPolicy` set to a value other than 0 or 1 (error), or to 0, which turns latency-aware Round Robin off (warning).',
    why: 'The setting is a switch: 1, the default from ESXi 6.7 U3, lets Round Robin (VMW_PSP_RR) choose storage paths by I/O latency; 0 goes back to plain Round Robin, so a slow path keeps getting its share of the I/O of the datastores behind the volumes.',
    docs: [
      'Checks `esxcli system settings advanced set -o /Misc/EnablePSPLatencyPolicy`, `esxcfg-advcfg -s <value> /Misc/EnablePSPLatencyPolicy` and PowerCLI host settings.',
      '',
      'Uneven traffic across storage paths is what the latency policy is meant to produce, not a fault to be fixed by turning it off.',
    ].join('\n'),
    citations: [cite(posts.psp, 'The value of EnablePSPLatencyPolicy reads 1 on ESXi 6.7 U3 and later; latency-aware Round Robin is why paths carry different traffic.')],
    fixable: false,
  },
  check(context) {
    for (const write of settingWrites(context, 'Misc.EnablePSPLatencyPolicy')) {
      if (!write.value) continue;
      const value = valueText(write.value);
      if (value !== '0' && value !== '1') {
        context.report({
          span: span(write.value),
          message: `Misc.EnablePSPLatencyPolicy is 0 (off) or 1 (on, the default from ESXi 6.7 U3); ${code(value)} is neither.`,
        });
      } else if (value === '0') {
        context.report({
          span: span(write.value),
          severity: 'warning',
          message: 'Misc.EnablePSPLatencyPolicy 0 turns latency-aware path selection off: Round Robin then keeps sending I/O down a slow path. Different traffic on different paths is expected with the policy on (the default from ESXi 6.7 U3).',
        });
      }
    }
  },
};
