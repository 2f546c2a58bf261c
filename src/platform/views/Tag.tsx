import type { ComponentChildren } from 'preact';

export type TagTone = 'neutral' | 'green' | 'amber' | 'red' | 'blue';

export function Tag(props: { tone?: TagTone; children: ComponentChildren }) {
  return <strong class={`tag tag--${props.tone ?? 'neutral'}`}>{props.children}</strong>;
}
