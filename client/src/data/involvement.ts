/** Previous involvement in words, and which children of a new-case draft are complete enough to search for. */
import { agencyName, type ChildInput, type InvolvementMatchView } from '@mashboard/shared';

/** "A possible match on a case restricted to Police — ask Police". */
export function restrictedMatchText(m: Extract<InvolvementMatchView, { restricted: true }>): string {
  const names = m.agencies.map(agencyName);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'another agency');
  const strength = m.strength === 'strong' ? 'A strong possible match' : 'A possible match';
  return `${strength} on a case restricted to ${list} — ask ${list}`;
}

/** A search result on a case the reader may not see: "A case restricted to other agencies: ask Police". */
export function searchRestrictedText(m: Extract<InvolvementMatchView, { restricted: true }>): string {
  const names = m.agencies.map(agencyName);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? 'the MASH manager');
  return `A case restricted to other agencies: ask ${list}`;
}

/**
 * Who matched, in words: the child's name, or a person's with how they are related, or for an
 * address the place and whom that case was about ("14 Elm Road, Leeds: the case about Lily F.").
 */
export function matchedWhoText(m: Extract<InvolvementMatchView, { restricted: false }>): string {
  const name = `${m.child.firstName} ${m.child.lastName}`;
  if (m.matchedOn?.kind === 'person') return `${name} (${m.matchedOn.relationship})`;
  if (m.matchedOn?.kind === 'address') return `${m.matchedOn.address}: the case about ${name}`;
  return name;
}

export function strengthText(strength: 'strong' | 'possible'): string {
  return strength === 'strong' ? 'Strong match' : 'Possible match';
}

/** Children with a first name, last name and a (expected) date of birth: enough to search. */
export function searchableChildren(children: readonly { firstName: string; lastName: string; born: string; dateOfBirth: string; expectedDateOfBirth: string }[]): { index: number; child: ChildInput }[] {
  const out: { index: number; child: ChildInput }[] = [];
  children.forEach((c, index) => {
    const firstName = c.firstName.trim();
    const lastName = c.lastName.trim();
    if (!firstName || !lastName) return;
    if (c.born === 'born' && /^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth)) out.push({ index, child: { firstName, lastName, dateOfBirth: c.dateOfBirth } });
    else if (c.born === 'unborn' && /^\d{4}-\d{2}-\d{2}$/.test(c.expectedDateOfBirth)) out.push({ index, child: { firstName, lastName, expectedDateOfBirth: c.expectedDateOfBirth } });
  });
  return out;
}
