import type { ComponentChildren } from 'preact';
import { ListTable } from './list-table';
import { Status } from './status';

/** What a list needs of its query (`useEndpoint`'s answer): its loading and error states, and a re-read. */
type ListQuery = { loading: boolean; error?: Error | undefined; reload: () => void };

/** How the items are shown: as a `ListTable` (a row per item), or by the caller's own markup. */
type Body<T> =
  | { testid: string; columns: readonly ComponentChildren[]; row: (item: T) => ComponentChildren; list?: undefined }
  | { list: (items: readonly T[]) => ComponentChildren; testid?: undefined; columns?: undefined; row?: undefined };

export type ListBodyProps<T> = Body<T> & {
  q: ListQuery;
  /** the items once read; undefined while the first read is under way */
  items: readonly T[] | undefined;
  /** what an empty list says; without it an empty list is shown as it is (a table with no rows) */
  empty?: ComponentChildren;
  /** the class of the empty note's paragraph */
  emptyClass?: string;
};

/**
 * A list read from the API: loading and error states (`Status`), the empty note, or the items. The one
 * shape of every set-up and operations list, so they load, fail and say "none yet" alike.
 */
export function ListBody<T>(props: ListBodyProps<T>) {
  const { q, items, empty, emptyClass = 'notice' } = props;
  return (
    <Status loading={q.loading} error={q.error} retry={q.reload}>
      {items &&
        (items.length === 0 && empty !== undefined ? (
          <p class={emptyClass}>{empty}</p>
        ) : props.list ? (
          props.list(items)
        ) : (
          <ListTable testid={props.testid} columns={props.columns}>
            {items.map(props.row)}
          </ListTable>
        ))}
    </Status>
  );
}

/** A card holding one list: its heading (which names the card) above a `ListBody`. */
export function ListCard<T>({
  headingId,
  title,
  children,
  ...body
}: ListBodyProps<T> & {
  /** id of the heading, which labels the card */
  headingId: string;
  title: ComponentChildren;
  /** anything shown below the list (a note about the last action) */
  children?: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId} class="card-title">
        {title}
      </h2>
      <ListBody<T> {...(body as ListBodyProps<T>)} />
      {children}
    </section>
  );
}
