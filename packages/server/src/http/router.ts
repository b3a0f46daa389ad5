// The route table, compiled once from the operations openapi-backend read from the spec: a
// map lookup for literal paths, one anchored RegExp per templated path. openapi-backend's own
// router re-derives its operation list and builds a RegExp per template on every request,
// which cost about a quarter of the token endpoint's CPU.
import type { Operation } from 'openapi-backend';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Template {
  pattern: RegExp;
  names: string[];
  /** Length of the literal part: more literal text is more specific (openapi-backend's order). */
  specificity: number;
  byMethod: Map<string, Operation>;
}

export type RouteMatch =
  { operation: Operation; params: Record<string, string> } | { allowed: Method[] } | undefined;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/clients/{client_id}` → /^\/clients\/([^/]+)$/ and its parameter names. */
function compileTemplate(path: string): Pick<Template, 'pattern' | 'names' | 'specificity'> {
  const names: string[] = [];
  const literal = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '\0';
  });
  const pattern = new RegExp(`^${literal.split('\0').map(escape).join('([^/]+)')}$`);
  return { pattern, names, specificity: literal.replaceAll('\0', '').length };
}

/** Trailing slashes are ignored, as openapi-backend does by default. */
function normalize(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
  return end === path.length ? path : path.slice(0, end);
}

export class RouteTable {
  private readonly literal = new Map<string, Map<string, Operation>>();
  private readonly templates: Template[] = [];

  constructor(operations: readonly Operation[]) {
    const byTemplate = new Map<string, Template>();
    for (const operation of operations) {
      const { path, method } = operation;
      if (!path.includes('{')) {
        const methods = this.literal.get(path) ?? new Map<string, Operation>();
        methods.set(method, operation);
        this.literal.set(path, methods);
        continue;
      }
      let template = byTemplate.get(path);
      if (!template) {
        template = { ...compileTemplate(path), byMethod: new Map() };
        byTemplate.set(path, template);
        this.templates.push(template);
      }
      template.byMethod.set(method, operation);
    }
    this.templates.sort((a, b) => b.specificity - a.specificity);
  }

  /** The operation and its decoded path parameters; `{ allowed }` for a known path (405). */
  match(method: string, rawPath: string): RouteMatch {
    const path = normalize(rawPath);
    const verb = method.toLowerCase();
    const methods = this.literal.get(path);
    const exact = methods?.get(verb);
    if (exact) return { operation: exact, params: {} };
    const allowed = new Set<string>(methods?.keys());
    for (const template of this.templates) {
      const found = template.pattern.exec(path);
      if (!found) continue;
      const operation = template.byMethod.get(verb);
      if (!operation) {
        for (const m of template.byMethod.keys()) allowed.add(m);
        continue;
      }
      const params: Record<string, string> = {};
      template.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
      return { operation, params };
    }
    return allowed.size > 0 ? { allowed: [...allowed] as Method[] } : undefined;
  }
}
