// The ceiling: bare Koa 3 answering a fixed JSON body, no middleware.
import Koa from 'koa';

const app = new Koa();
const BODY = { ok: true, service: 'bench' };
app.use((ctx) => {
  ctx.body = BODY;
});
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0)); // lets node --cpu-prof write its profile
