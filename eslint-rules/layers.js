// Enforces DESIGN.md's one-way imports inside packages/server/src:
//   app.ts -> http -> domains -> errors/lib;  storage -> domain ports (domains/*/store.ts).
// A domain never imports Koa, a database driver, an adapter, the HTTP layer, or another
// domain's internals (only its index.ts).
import path from 'node:path';

const SRC = `${path.sep}packages${path.sep}server${path.sep}src${path.sep}`;
const DRIVERS = ['koa', 'openapi-backend', 'mongodb', 'better-sqlite3', 'pino'];

/** Splits an absolute path into its layer ('domains', 'storage', 'http', ...) and domain name. */
function locate(file) {
  const i = file.indexOf(SRC);
  if (i < 0) return null;
  const parts = file.slice(i + SRC.length).split(path.sep);
  return { layer: parts.length === 1 ? parts[0].replace(/\.[jt]s$/, '') : parts[0], parts };
}

function problem(from, target, spec) {
  if (from.layer === 'domains') {
    if (DRIVERS.some((d) => spec === d || spec.startsWith(`${d}/`)) || spec.startsWith('@koa/'))
      return `a domain may not import '${spec}' (keep drivers and Koa in storage/ and http/)`;
    if (!target) return null;
    if (['storage', 'http', 'app', 'main'].includes(target.layer))
      return `a domain may not import the ${target.layer} layer`;
    if (target.layer === 'domains' && target.parts[1] !== from.parts[1]) {
      const file = target.parts.slice(2).join('/');
      if (!/^index\.[jt]s$/.test(file) && !/^store\.[jt]s$/.test(file))
        return `domain '${from.parts[1]}' may only import domain '${target.parts[1]}' through its index.ts or store.ts`;
    }
  }
  if (from.layer === 'storage' && target) {
    if (['http', 'app', 'main'].includes(target.layer))
      return `storage may not import ${target.layer}`;
    if (target.layer === 'domains' && !/^(store|index)\.[jt]s$/.test(target.parts.at(-1)))
      return 'storage may only import domain ports (store.ts)';
  }
  if (from.layer === 'http' && target && ['storage', 'app', 'main'].includes(target.layer))
    return `http may not import ${target.layer}`;
  if (
    ['errors', 'lib'].includes(from.layer) &&
    target &&
    !['errors', 'lib', 'generated'].includes(target.layer)
  )
    return `${from.layer} must not depend on ${target.layer}`;
  return null;
}

export default {
  meta: { type: 'problem', schema: [], docs: { description: 'one-way imports (DESIGN.md)' } },
  create(context) {
    const from = locate(context.filename);
    if (!from) return {};
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string') return;
      const target = spec.startsWith('.')
        ? locate(path.resolve(path.dirname(context.filename), spec))
        : null;
      const message = problem(from, target, spec);
      if (message) context.report({ node: node.source, message });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
