import type { Child } from '@mashboard/shared';
import { childShort } from '../data/children.ts';

/** A case's children as a list row shows them: initial of the family name and age ("Leo T., 4 months"). */
export function ChildrenList({ list, today }: { list: readonly Child[]; today: string }) {
  return (
    <ul className="plain-list">
      {list.map((ch) => (
        <li key={ch.id}>{childShort(ch, today)}</li>
      ))}
    </ul>
  );
}
