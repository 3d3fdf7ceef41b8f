import { describe, expect, it } from 'vitest';
import { mapClaims, SsoMappingSchema, type SsoMapping } from './sso.ts';

const mapping: SsoMapping = {
  rules: [
    { claim: 'roles', value: 'Mash.Manager', agency: 'childrens-social-care', role: 'mash-manager' },
    { claim: 'groups', value: '0b7c-police', agency: 'police', role: 'practitioner' },
    { claim: 'department', value: 'Health visiting', agency: 'health', role: 'practitioner' },
  ],
};

describe('mapping claims to agency and role', () => {
  it('the first rule whose claim holds the value decides, whether the claim is a list or a single value', () => {
    expect(mapClaims(mapping, { groups: ['x', '0b7c-police'], roles: ['Mash.Manager'] })).toEqual({ agency: 'childrens-social-care', role: 'mash-manager', ruleIndex: 0 });
    expect(mapClaims(mapping, { groups: ['x', '0b7c-police'] })).toEqual({ agency: 'police', role: 'practitioner', ruleIndex: 1 });
    expect(mapClaims(mapping, { department: 'Health visiting' })).toEqual({ agency: 'health', role: 'practitioner', ruleIndex: 2 });
  });

  it('no rule, no access: a near miss, another claim holding the value, or an object is not a match', () => {
    expect(mapClaims(mapping, { groups: ['0B7C-POLICE', '0b7c-police '] })).toBeNull();
    expect(mapClaims(mapping, { roles: ['0b7c-police'] })).toBeNull();
    expect(mapClaims(mapping, { groups: { value: '0b7c-police' } })).toBeNull();
    expect(mapClaims(mapping, {})).toBeNull();
  });

  it('a rule naming an unknown role or an unknown field is refused, naming the field', () => {
    const result = SsoMappingSchema.safeParse({ rules: [{ claim: 'groups', value: 'g', agency: 'police', role: 'superuser', extra: 1 }] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rules.0.role', 'rules.0']));
  });
});
