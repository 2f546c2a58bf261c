import type { ComponentChildren } from 'preact';

export interface Column {
  key: string;
  label: string;
  sortable?: boolean;
  numeric?: boolean;
}

export interface SortState {
  key: string;
  direction: 'asc' | 'desc';
}

// Sortable headers are links (work without JavaScript); aria-sort tells screen readers the order.
export function Table(props: {
  caption: string;
  columns: Column[];
  rows: ComponentChildren[][];
  sort?: SortState | undefined;
  sortHref?: (key: string, direction: 'asc' | 'desc') => string;
  empty?: string;
}) {
  // the wrapper scrolls sideways on narrow screens: focusable and named so keyboard users can scroll it (WCAG 2.1.1)
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table class="table">
        <caption class="table__caption">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => {
              const active = props.sort?.key === column.key;
              const next = active && props.sort?.direction === 'asc' ? 'desc' : 'asc';
              return (
                <th
                  scope="col"
                  class={column.numeric ? 'numeric' : undefined}
                  aria-sort={active ? (props.sort?.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sortable && props.sortHref ? (
                    <a href={props.sortHref(column.key, next)}>
                      {column.label}
                      <span class="visually-hidden">, sort {next === 'asc' ? 'ascending' : 'descending'}</span>
                    </a>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length}>{props.empty ?? 'Nothing to show.'}</td>
            </tr>
          ) : (
            props.rows.map((cells) => (
              <tr>
                {cells.map((cell, i) => (
                  <td class={props.columns[i]?.numeric ? 'numeric' : undefined}>{cell}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
