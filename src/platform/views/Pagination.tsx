export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function Pagination(props: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = pageCount(props.total, props.pageSize);
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      <p class="pagination__status">
        Page {props.page} of {pages} ({props.total} in all)
      </p>
      <ul class="pagination__list">
        {props.page > 1 && (
          <li>
            <a href={props.href(props.page - 1)} rel="prev">
              Previous<span class="visually-hidden"> page</span>
            </a>
          </li>
        )}
        {props.page < pages && (
          <li>
            <a href={props.href(props.page + 1)} rel="next">
              Next<span class="visually-hidden"> page</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
