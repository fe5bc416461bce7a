import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// From a path, not a URL object: under happy-dom `URL` is the DOM's, which node:url refuses.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Why a prop of a story file's component needs no arg. */
export type PropExclusion =
  /** Inherited from React's DOM attribute types (`className`, `title`, `ref`, …). */
  | 'dom'
  | 'children'
  /** A function: Storybook shows its calls as actions (pass `fn()` where the story checks one). */
  | 'callback'
  | 'deprecated';

export interface ComponentProp {
  name: string;
  /** Set when the prop needs no arg, with the reason. */
  excluded?: PropExclusion;
}

/** A TypeScript program over the package's sources, as `pnpm typecheck` sees them. */
export function propsProgram(files: readonly string[]): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${packageDir}/tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  return ts.createProgram(files, config.options);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isSatisfiesExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The `component` expression of a CSF file's default export (its meta), if it names one. */
function metaComponent(checker: ts.TypeChecker, file: ts.SourceFile): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (!ts.isExportAssignment(statement) || statement.isExportEquals) continue;
    let meta = unwrap(statement.expression);
    if (ts.isIdentifier(meta)) {
      const declaration = checker.getSymbolAtLocation(meta)?.declarations?.[0];
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        meta = unwrap(declaration.initializer);
      }
    }
    if (!ts.isObjectLiteralExpression(meta)) return undefined;
    const component = meta.properties.find(
      (property) =>
        property.name && ts.isIdentifier(property.name) && property.name.text === 'component',
    );
    if (component && ts.isPropertyAssignment(component)) return component.initializer;
    if (component && ts.isShorthandPropertyAssignment(component)) return component.name;
    return undefined;
  }
  return undefined;
}

function exclusionOf(
  checker: ts.TypeChecker,
  prop: ts.Symbol,
  at: ts.Node,
): PropExclusion | undefined {
  const declarations = prop.getDeclarations() ?? [];
  if (
    declarations.length > 0 &&
    declarations.every((declaration) =>
      declaration.getSourceFile().fileName.includes('/node_modules/'),
    )
  ) {
    return 'dom';
  }
  if (prop.name === 'children') return 'children';
  if (prop.getJsDocTags(checker).some((tag) => tag.name === 'deprecated')) return 'deprecated';
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, at));
  if (type.getCallSignatures().length > 0) return 'callback';
  return undefined;
}

/**
 * The props of the component a story file's meta names (`component: ConnectionStatus`), read
 * from its TypeScript props type, each marked with why it needs no arg, if it needs none.
 * `undefined` when the meta names no component.
 */
export function componentProps(program: ts.Program, fileName: string): ComponentProp[] | undefined {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(fileName);
  if (!file) throw new Error(`${fileName} is not in the program`);
  const component = metaComponent(checker, file);
  if (!component) return undefined;
  const [signature] = checker.getTypeAtLocation(component).getCallSignatures();
  const [props] = signature?.getParameters() ?? [];
  if (!props) return [];
  const type = checker.getTypeOfSymbolAtLocation(props, component);
  return checker.getPropertiesOfType(type).map((prop) => {
    const excluded = exclusionOf(checker, prop, component);
    return excluded ? { name: prop.name, excluded } : { name: prop.name };
  });
}
