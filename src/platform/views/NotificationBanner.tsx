import type { ComponentChildren } from 'preact';

export function NotificationBanner(props: { kind: 'success' | 'info' | 'warning'; title?: string; children: ComponentChildren }) {
  const role = props.kind === 'info' ? 'region' : 'status';
  return (
    <div class={`banner banner--${props.kind}`} role={role} aria-label={props.kind === 'info' ? (props.title ?? 'Information') : undefined}>
      {props.title && <p class="banner__title">{props.title}</p>}
      <div class="banner__body">{props.children}</div>
    </div>
  );
}
