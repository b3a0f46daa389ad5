// The browser entries never reach Node-only code: no node: imports or builtins, no process or
// Buffer globals, anywhere in their import graph (the CLI has its own entry).
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const NODE_GLOBALS = /\b(process|Buffer|require|__dirname|__filename)\s*[.(]/;

function importGraph(entry: string): ts.SourceFile[] {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    types: [],
  });
  return program
    .getSourceFiles()
    .filter(
      (f) => !f.fileName.includes('/node_modules/') && f.fileName.includes('/packages/sdk/src/'),
    );
}

describe.each(['./index.ts', './react-query.ts'])('%s', (entry) => {
  it('imports nothing Node-only', { timeout: 60_000 }, () => {
    const files = importGraph(entry);
    expect(files.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const file of files) {
      if (file.fileName.includes('/cli/')) problems.push(`${file.fileName}: CLI code reached`);
      for (const statement of file.statements) {
        if (
          (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
          statement.moduleSpecifier &&
          ts.isStringLiteral(statement.moduleSpecifier)
        ) {
          const spec = statement.moduleSpecifier.text;
          if (spec.startsWith('node:') || builtinModules.includes(spec)) {
            problems.push(`${file.fileName}: imports ${spec}`);
          }
        }
      }
      const code = file.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      const match = NODE_GLOBALS.exec(code);
      if (match) problems.push(`${file.fileName}: uses ${match[1]}`);
    }
    expect(problems).toEqual([]);
  });
});
