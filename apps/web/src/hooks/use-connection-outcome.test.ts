import { describe, expect, it } from 'vitest';
import { shouldProbe } from './use-connection-outcome.ts';

describe('shouldProbe', () => {
  it('asks the API after the second failed attempt, then every fourth', () => {
    const probed = Array.from({ length: 15 }, (_, i) => i).filter(shouldProbe);
    expect(probed).toEqual([2, 6, 10, 14]);
  });
});
