import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../tools/bureau-sim/demo-people';
import { SIM_IDENTITY_CODES, UNMAPPED_CODES } from '../../tools/bureau-sim/identity-codes';
import { library } from './helpers';

describe('the simulator’s identity codes and the policy files', () => {
  it.each(DEMO_PEOPLE.flatMap((p) => p.identities.map((i) => [p.name, p.region, i.code] as const)))('%s (%s): %s', (_name, region, code) => {
    const mapped = library.psnIdetTypes(region).find((c) => c.code === code);
    if (UNMAPPED_CODES.includes(code)) expect(mapped).toBeUndefined();
    else expect(mapped?.label).toBe(SIM_IDENTITY_CODES[code]);
  });
});
