import { Fragment, h, type Attributes, type VNode } from 'preact';

// HTML rendered earlier by renderToString (so already escaped), written into the page as it is,
// without a wrapping element. It uses preact-render-to-string's template fragment (the form
// precompiled JSX takes): the strings of `tpl` are written verbatim. Never pass it anything
// that did not come out of renderToString.
export function RawHtml(props: { html: string }): VNode {
  const template = { tpl: [props.html] } as Attributes;
  return h(Fragment, template);
}
