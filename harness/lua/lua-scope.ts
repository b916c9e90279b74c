// Lua's scoping over luaparse's tree: which declaration each name refers to.
// The reducer inlines and removes locals by it: a local read once can take
// its value's place, one never read can go with every statement that writes
// it. Globals resolve to no binding.
import type { Chunk, Expression, Identifier, Node, Statement } from "luaparse";
import { childNodes } from "./lua-walk.ts";

export interface Binding {
  readonly name: string;
  /** The identifier that declares it. */
  readonly declaration: Identifier;
  /** Where it is declared: a local statement, a local function, a for loop, or a function of which it is a parameter. */
  readonly owner: Node;
  readonly kind: "local" | "function" | "parameter" | "for";
  /** Identifiers that read it, in source order. */
  readonly reads: Identifier[];
  /** Identifiers assigned to (`x = …`), in source order. */
  readonly writes: Identifier[];
  /** Reads from inside a function nested below the declaration's (an upvalue). */
  readonly captured: boolean;
}

export interface Scopes {
  readonly bindings: readonly Binding[];
  /** The binding a name reference or declaration resolves to; absent: a global. */
  readonly bindingOf: ReadonlyMap<Identifier, Binding>;
}

interface MutableBinding extends Binding {
  captured: boolean;
  readonly depth: number;
}

export function resolveScopes(chunk: Chunk): Scopes {
  const bindings: MutableBinding[] = [];
  const bindingOf = new Map<Identifier, Binding>();
  // A stack of scopes, each a map of names; `fn` counts function nesting.
  const scopes: Array<Map<string, MutableBinding>> = [];
  let fn = 0;

  const declare = (id: Identifier, owner: Node, kind: Binding["kind"]): void => {
    const b: MutableBinding = {
      name: id.name,
      declaration: id,
      owner,
      kind,
      reads: [],
      writes: [],
      captured: false,
      depth: fn,
    };
    bindings.push(b);
    bindingOf.set(id, b);
    scopes[scopes.length - 1]!.set(id.name, b);
  };
  const lookup = (name: string): MutableBinding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const b = scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  };
  const use = (id: Identifier, write: boolean): void => {
    const b = lookup(id.name);
    if (!b) return;
    bindingOf.set(id, b);
    (write ? b.writes : b.reads).push(id);
    if (b.depth < fn) b.captured = true;
  };
  const inScope = (body: () => void): void => {
    scopes.push(new Map());
    body();
    scopes.pop();
  };
  const block = (statements: readonly Statement[]): void => inScope(() => statements.forEach(statement));

  const expression = (node: Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case "Identifier":
        use(node, false);
        return;
      case "MemberExpression":
        expression(node.base);
        return;
      case "TableKeyString":
        expression(node.value);
        return;
      case "FunctionDeclaration":
        functionBody(node.parameters, node.body);
        return;
      default:
        for (const child of childNodes(node)) expression(child);
    }
  };
  const functionBody = (parameters: readonly Node[], body: readonly Statement[], self?: Identifier): void => {
    fn++;
    inScope(() => {
      if (self) declare(self, self, "parameter");
      for (const p of parameters) if (p.type === "Identifier") declare(p, p, "parameter");
      body.forEach(statement);
    });
    fn--;
  };
  const place = (node: Expression): void => {
    if (node.type === "Identifier") use(node, true);
    else expression(node);
  };

  const statement = (node: Statement): void => {
    switch (node.type) {
      case "LocalStatement":
        node.init.forEach(expression);
        for (const v of node.variables) declare(v, node, "local");
        return;
      case "AssignmentStatement":
        node.init.forEach(expression);
        node.variables.forEach(place);
        return;
      case "FunctionDeclaration": {
        const id = node.identifier;
        if (node.isLocal && id?.type === "Identifier") declare(id, node, "function");
        else if (id?.type === "Identifier") use(id, true);
        else if (id) expression(id.type === "MemberExpression" ? id.base : id);
        functionBody(node.parameters, node.body);
        return;
      }
      case "ForNumericStatement":
        expression(node.start);
        expression(node.end);
        expression(node.step);
        inScope(() => {
          declare(node.variable, node, "for");
          node.body.forEach(statement);
        });
        return;
      case "ForGenericStatement":
        node.iterators.forEach(expression);
        inScope(() => {
          for (const v of node.variables) declare(v, node, "for");
          node.body.forEach(statement);
        });
        return;
      case "DoStatement":
        block(node.body);
        return;
      case "WhileStatement":
        expression(node.condition);
        block(node.body);
        return;
      case "RepeatStatement":
        // `until` sees the body's locals.
        inScope(() => {
          node.body.forEach(statement);
          expression(node.condition);
        });
        return;
      case "IfStatement":
        for (const clause of node.clauses) {
          if (clause.type !== "ElseClause") expression(clause.condition);
          block(clause.body);
        }
        return;
      default:
        for (const child of childNodes(node)) expression(child);
    }
  };

  block(chunk.body);
  return { bindings, bindingOf };
}

/** The globals and bindings an expression's names resolve to (for checking a move keeps them). */
export function namesIn(
  node: Node,
  scopes: Scopes,
): Array<{ readonly id: Identifier; readonly binding: Binding | null }> {
  const out: Array<{ id: Identifier; binding: Binding | null }> = [];
  const go = (n: Node): void => {
    if (n.type === "Identifier") out.push({ id: n, binding: scopes.bindingOf.get(n) ?? null });
    else if (n.type === "MemberExpression") go(n.base);
    else if (n.type === "TableKeyString") go(n.value);
    else for (const child of childNodes(n)) go(child);
  };
  go(node);
  return out;
}
