/**
 * The expression AST (entra-semantics.md §2.2). Every node keeps `begin`/`end`: 0-based UTF-16
 * offsets into the expression text (`end` exclusive), so the scenario loader can map a problem to
 * the YAML line:col and the column inside the expression.
 */

interface NodeBase {
  /** 0-based offset of the first character. */
  readonly begin: number;
  /** 0-based offset just after the last character. */
  readonly end: number;
}

/** `[userPrincipalName]`: reads a source attribute (absent ⇒ null). */
export interface AttributeNode extends NodeBase {
  readonly kind: 'attribute';
  /** The name between the brackets, verbatim (may hold `.`, `:`, `_`, `-`, digits). */
  readonly name: string;
}

/** `"text"` with `\"` and `\\` escapes already resolved. */
export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
}

/**
 * `42`, `-10`: an integer literal. Entra stores it as the constant string of its digits, so it *is*
 * that string (`Mid([x],1,8)` ≡ `Mid([x],"1","8)`) (§2.1).
 */
export interface IntegerNode extends NodeBase {
  readonly kind: 'integer';
  /** The digits as written, with the sign. */
  readonly text: string;
}

/** `&HF7`: a VB hexadecimal integer literal (§2.1). */
export interface HexNode extends NodeBase {
  readonly kind: 'hex';
  readonly value: bigint;
  /** As written. */
  readonly text: string;
}

/** The bare keywords of §2.1. */
export type KeywordName = 'vbTextCompare' | 'vbBinaryCompare' | 'IgnoreAttributeFlow' | 'IgnoreObjectFlow';

export interface KeywordNode extends NodeBase {
  readonly kind: 'keyword';
  readonly name: KeywordName;
}

export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** `left op right`, allowed wherever an argument or the whole expression is (§2.1, ?36). */
export interface ComparisonNode extends NodeBase {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: Expression;
  readonly right: Expression;
  /** Offset of the operator. */
  readonly operatorBegin: number;
}

/** An argument slot left empty: "optional parameter not supplied" (§2.1). */
export interface EmptyArgument extends NodeBase {
  readonly kind: 'empty';
}

export type Argument = Expression | EmptyArgument;

/** `Name(arg, , arg)`. */
export interface CallNode extends NodeBase {
  readonly kind: 'call';
  /** Canonical function name (the casing of the reference, e.g. `Switch`). */
  readonly name: string;
  /** The name as written (may differ in case when function names are case-insensitive). */
  readonly writtenName: string;
  /** Offset just after the name. */
  readonly nameEnd: number;
  readonly args: readonly Argument[];
}

/** Any expression node. */
export type Expression = AttributeNode | StringNode | IntegerNode | HexNode | KeywordNode | ComparisonNode | CallNode;

/** Renders an AST back to canonical expression text (stable spacing, canonical function names). */
export function printExpression(node: Argument): string {
  switch (node.kind) {
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return `"${node.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'integer':
    case 'hex':
      return node.text;
    case 'keyword':
      return node.name;
    case 'comparison':
      return `${printExpression(node.left)} ${node.operator} ${printExpression(node.right)}`;
    case 'empty':
      return '';
    case 'call':
      return `${node.name}(${node.args.map(printExpression).join(', ').replace(/ +$/, '')})`;
  }
}

/** Calls `visit` on every node, depth first, parents before children. */
export function walkExpression(node: Argument, visit: (node: Argument, parent: CallNode | ComparisonNode | undefined) => void, parent?: CallNode | ComparisonNode): void {
  visit(node, parent);
  if (node.kind === 'call') for (const arg of node.args) walkExpression(arg, visit, node);
  else if (node.kind === 'comparison') {
    walkExpression(node.left, visit, node);
    walkExpression(node.right, visit, node);
  }
}

/** Source attribute names an expression reads, in first-seen order, without duplicates. */
export function attributesOf(node: Argument): string[] {
  const seen = new Set<string>();
  walkExpression(node, (n) => {
    if (n.kind === 'attribute') seen.add(n.name);
  });
  return [...seen];
}
