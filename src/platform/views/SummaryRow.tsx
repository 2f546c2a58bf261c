import type { ComponentChildren } from 'preact';

// One label and its value in a summary list (<dl class="summary-list">).
export function SummaryRow(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
