import type { ComponentChildren } from 'preact';

// focus: the banner takes the keyboard focus when the page loads (a refused action's explanation)
export function NotificationBanner(props: { kind: 'success' | 'info' | 'warning'; title?: string; focus?: boolean; children: ComponentChildren }) {
  const role = props.kind === 'info' ? 'region' : 'status';
  return (
    <div
      class={`banner banner--${props.kind}`}
      role={role}
      aria-label={props.kind === 'info' ? (props.title ?? 'Information') : undefined}
      tabIndex={props.focus ? -1 : undefined}
      data-focus-on-load={props.focus ? true : undefined}
    >
      {props.title && <p class="banner__title">{props.title}</p>}
      <div class="banner__body">{props.children}</div>
    </div>
  );
}
