import { Layout } from './Layout.tsx';
import type { PageContext } from './page-context.ts';

export function ErrorPage(props: { ctx: PageContext; status: number; title: string; message: string; requestId?: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.requestId && (
        <p class="hint">
          If you contact us about this, quote reference <code>{props.requestId}</code>.
        </p>
      )}
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}
