/**
 * The board's "People and places" panel: the children's details (language, interpreter,
 * ethnicity, disability), the people around them with how they are related, and the addresses;
 * a protected address of another agency shows only whom to ask. Case workers add people and
 * addresses here (`people.add`, PeopleForm.tsx: loaded when first opened, or when the board is idle).
 */
import { useState } from 'react';
import { ADDRESS_KIND_LABELS, addressLine, agencyName, DISABILITY_LABELS, ETHNICITY_LABELS, mayDo, type Address, type CaseSummary, type Child, type Person } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { childFullName } from '../data/children.ts';
import { personName, relationshipText } from '../forms/people.ts';
import { formatCalendarDate } from '../data/time.ts';
import { useFocusLater } from '../forms/focus.ts';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';

const peopleForm = lazyForm(() => import('./PeopleForm.tsx').then((m) => m.PeopleForm));

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function languageText(p: { language?: string | undefined; interpreterNeeded?: boolean | undefined }): string | null {
  if (!p.language && !p.interpreterNeeded) return null;
  if (!p.language) return 'Needs an interpreter';
  return `First language ${p.language}${p.interpreterNeeded ? ', needs an interpreter' : ''}`;
}

function AddressText({ address }: { address: Address | undefined }) {
  if (!address) return null;
  if (address.withheld) {
    const ask = [address.agency, ...address.restrictedTo].map(agencyName).join(' or ');
    return (
      <span className="protected-address">
        <strong>Protected address</strong>: ask {ask}
      </span>
    );
  }
  return (
    <span>
      {address.protected ? <strong className="tag tag--protected">Protected</strong> : null} {addressLine(address)}
    </span>
  );
}

function ChildDetails({ child, addresses }: { child: Child; addresses: readonly Address[] }) {
  const language = languageText(child);
  const facts = [
    language,
    child.ethnicity ? `Ethnicity: ${ETHNICITY_LABELS[child.ethnicity]}` : null,
    child.disability ? `Disability: ${DISABILITY_LABELS[child.disability]}${child.disabilityDetail ? ` (${child.disabilityDetail})` : ''}` : null,
  ].filter((f): f is string => Boolean(f));
  const address = addresses.find((a) => a.id === child.addressId);
  if (!facts.length && !address) return null;
  return (
    <li className="person">
      <p className="person__name">{childFullName(child)}</p>
      {facts.length ? <p className="person__facts">{facts.join(' · ')}</p> : null}
      {address ? (
        <p className="person__address">
          <AddressText address={address} />
        </p>
      ) : null}
    </li>
  );
}

function PersonItem({ person, childNames, addresses }: { person: Person; childNames: string[]; addresses: readonly Address[] }) {
  const language = languageText(person);
  const address = addresses.find((a) => a.id === person.addressId);
  return (
    <li className={`person${person.allegedToHaveCausedHarm ? ' person--alleged' : ''}`}>
      <p className="person__name">
        {personName(person)}
        {person.dateOfBirth ? <span className="person__born">, born {formatCalendarDate(person.dateOfBirth)}</span> : null}
      </p>
      <p className="person__relationship">{relationshipText(person, childNames)}</p>
      {person.allegedToHaveCausedHarm || person.livesWithChild ? (
        <p className="person__tags">
          {person.allegedToHaveCausedHarm ? <strong className="tag tag--alleged">Alleged to have caused harm</strong> : null}{' '}
          {person.livesWithChild ? <span className="tag">Lives with the child</span> : null}
        </p>
      ) : null}
      {language ? <p className="person__facts">{language}</p> : null}
      {address ? (
        <p className="person__address">
          <AddressText address={address} />
        </p>
      ) : null}
    </li>
  );
}

export function PeoplePanel({ summary }: { summary: CaseSummary }) {
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  usePreloadedForm(peopleForm);
  const [message, setMessage] = useState('');
  const { ref: addButton, focusLater: focusAddButton } = useFocusLater<HTMLButtonElement>();
  const people = summary.people ?? [];
  const addresses = summary.addresses ?? [];
  const childNames = summary.children.map((c) => childFullName(c));
  const canAdd = mayDo(client.user.role, 'people.add') && summary.status !== 'closed';
  const linked = new Set([...people.map((p) => p.addressId), ...summary.children.map((c) => c.addressId)]);
  const places = addresses.filter((a) => !linked.has(a.id));
  const described = summary.children.filter((c) => c.language || c.interpreterNeeded || c.ethnicity || c.disability || c.addressId);

  return (
    <section className="panel people-panel" aria-labelledby="people-title">
      <div className="panel__head">
        <h2 id="people-title" className="panel__title">
          People and places{' '}
          <span className="count">
            ({plural(people.length, 'person', 'people')}, {plural(addresses.length, 'address', 'addresses')})
          </span>
        </h2>
        {canAdd && !open ? (
          <button
            ref={addButton}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setMessage('');
              setOpen(true);
            }}
          >
            Add people or addresses
          </button>
        ) : null}
      </div>
      <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message}
      </div>
      {open ? (
        <peopleForm.Form
          summary={summary}
          childNames={childNames}
          onDone={(m) => {
            setMessage(m);
            setOpen(false);
            focusAddButton();
          }}
          onCancel={() => {
            setOpen(false);
            focusAddButton();
          }}
        />
      ) : null}
      {described.length ? (
        <ul className="people-list" aria-label="Children's details">
          {described.map((c) => (
            <ChildDetails key={c.id} child={c} addresses={addresses} />
          ))}
        </ul>
      ) : null}
      {people.length ? (
        <ul className="people-list" aria-label="People around the children">
          {people.map((p) => (
            <PersonItem key={p.id} person={p} childNames={childNames} addresses={addresses} />
          ))}
        </ul>
      ) : (
        <p className="hint">No adults or other children recorded yet.</p>
      )}
      {places.length ? (
        <>
          <h3 className="people-panel__subhead">Other addresses and places</h3>
          <ul className="people-list" aria-label="Other addresses and places">
            {places.map((a) => (
              <li key={a.id} className="person">
                {a.withheld ? null : <p className="person__name">{ADDRESS_KIND_LABELS[a.kind]}</p>}
                <p className="person__address">
                  <AddressText address={a} />
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
