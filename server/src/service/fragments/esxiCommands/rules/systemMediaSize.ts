import type { Fix } from '../../../types.js';
import { SYSTEM_MEDIA_SIZES, cite, posts } from '../knowledge.js';
import { code, commandsOf, replaceFix, span, type EsxiRule } from './helpers.js';

const SIZES = SYSTEM_MEDIA_SIZES.map((s) => `${s.value} (${s.meaning})`).join(', ');
/** Sizes in GB people write instead of the names. */
const BY_GB: Record<string, string> = { '25': 'min', '55': 'small', '138': 'default' };

export const systemMediaSize: EsxiRule = {
  fragment: 'esxi-commands',
  meta: {
    id: 'esxi-system-media-size',
    defaultSeverity: 'error',
    category: 'ESXi hosts',
    description: 'The ESXi boot option `systemMediaSize=` (boot.cfg or kickstart `kernelopt=`) has a value other than min, small, default or max.',
    why: 'systemMediaSize sets how much of the boot device ESXi 7 gives its ESX-OSData volume. It takes one of four names; anything else is not a size the installer knows, so the layout is not the one you asked for.',
    docs: [
      `From ESXi 7.0 Update 1c the boot option takes one of four values: ${SIZES}.`,
      '',
      '```',
      'kernelopt=runweasel ks=cdrom:/KS.CFG systemMediaSize=small',
      '```',
      '',
      'A number such as `55` is offered as its name (`small`) in a suggestion. A name in capitals is a warning with a fix to lower case, the spelling the post uses.',
    ].join('\n'),
    citations: [cite(posts.bootMedia, 'The boot option systemMediaSize takes one of four values: min = 25GB, small = 55GB, default = 138GB, max = all available space.')],
    fixable: true,
    hasSuggestions: true,
  },
  check(context) {
    for (const command of commandsOf(context, 'boot-option')) {
      const value = command.value;
      if (!value || value.text === '') {
        context.report({ span: span(command.name), message: `systemMediaSize needs a value: ${SIZES}.` });
        continue;
      }
      const written = value.text;
      if (SYSTEM_MEDIA_SIZES.some((s) => s.value === written)) continue;
      const lower = written.toLowerCase();
      if (SYSTEM_MEDIA_SIZES.some((s) => s.value === lower)) {
        const fix = replaceFix(`Write ${lower}`, value, lower);
        context.report({ span: span(value), severity: 'warning', message: `Write systemMediaSize in lower case (${code(lower)}), as documented.`, ...(fix ? { fix } : {}) });
        continue;
      }
      const gb = /^(\d+)\s*(g|gb)?$/i.exec(written)?.[1];
      const named = gb !== undefined ? BY_GB[gb] : undefined;
      const candidates = named ? [named] : SYSTEM_MEDIA_SIZES.map((s) => s.value).filter((s) => s.startsWith(lower.slice(0, 2)) || lower.startsWith(s.slice(0, 3)));
      const suggestions = candidates.map((c) => replaceFix(`Use ${c}`, value, c)).filter((f): f is Fix => f !== undefined);
      context.report({
        span: span(value),
        message: `systemMediaSize takes a name, not ${code(written)}: ${SIZES}.${named ? ` ${gb} GB is ${code(named)}.` : ''}`,
        suggestions,
      });
    }
  },
};
