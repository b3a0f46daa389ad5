// Every public export of the SDK carries JSDoc with an @example (DESIGN.md conventions).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function exportsWithoutExample(entry: string): { all: string[]; missing: string[] } {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const all: string[] = [];
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    all.push(exported.name);
    const tags = (symbol.declarations ?? []).flatMap((d) => ts.getJSDocTags(d));
    if (!tags.some((tag) => tag.tagName.text === 'example')) missing.push(exported.name);
  }
  return { all, missing };
}

describe('API documentation', () => {
  it('has an @example on every export of @latchkey/sdk', { timeout: 60_000 }, () => {
    const { all, missing } = exportsWithoutExample('./index.ts');
    expect(all.length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});
