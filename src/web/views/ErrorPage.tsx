import type { PageContext } from '../context';
import { Layout } from './Layout';

export const ErrorPage = ({ ctx, message }: { ctx: PageContext; message: string }) => (
  <Layout ctx={ctx} title={ctx.t.errors.title}>
    <p role="alert">{message}</p>
    <p>
      <a href="/">{ctx.t.errors.back}</a>
    </p>
  </Layout>
);
