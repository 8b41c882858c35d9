// The CLI's V8 tier-up tuning must never fight the user's own flags nor feed an unknown flag to V8.
import { afterEach, describe, expect, it, vi } from 'vitest';
import v8 from 'node:v8';
import { tuneJit } from '../../server/src/cli/jit.js';

describe('tuneJit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('raises the budget on a known V8 when the user set nothing', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    tuneJit([], undefined, '11.3.244.8-node.19');
    expect(set).toHaveBeenCalledWith('--interrupt-budget=270336');
  });

  it('leaves a budget the user gave on the command line or in NODE_OPTIONS alone', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    tuneJit(['--interrupt-budget=1000'], undefined, '11.3.244.8');
    tuneJit([], '--max-old-space-size=512 --interrupt-budget=1000', '11.3.244.8');
    expect(set).not.toHaveBeenCalled();
  });

  it('does nothing on V8 versions it does not know', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    tuneJit([], undefined, '9.4.146');
    tuneJit([], undefined, '14.0.1');
    tuneJit([], undefined, 'unknown');
    expect(set).not.toHaveBeenCalled();
  });
});
