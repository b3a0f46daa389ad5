// Public surface of the scopes domain.
export {
  BUILTIN_SCOPES,
  ScopeRegistry,
  formatScope,
  parseScope,
  type ScopeDefinition,
} from './registry.js';
