import type { ComponentChildren } from 'preact';

/** A set-up list (keys, touchpoints): a table with a heading per column and a last one for row actions. */
export function ListTable({
  testid,
  columns,
  children,
}: {
  /** data-testid of the table */
  testid: string;
  columns: readonly ComponentChildren[];
  /** the rows */
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid={testid}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
            <td />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
