import * as ts from 'typescript';

/**
 * How a line of code uses a catalog topic:
 * - `subscribes`: the first argument of `@OnEvent(...)` / `@OnEventBatch(...)`, the only way a
 *   service consumes a topic through the platform (rebuild readers read topics they subscribe to);
 * - `publishes`: the first argument of a `publish(...)` / `publishMany(...)` call;
 * - `other`: anything else (a contract handed to a sink or relay, a key built or parsed, a value
 *   decoded). Whether that is writing or reading depends on data flow a scan cannot follow, so the
 *   catalog rules accept it only from the topic's owner or from a service that subscribes to it.
 */
export type TopicUse = 'subscribes' | 'publishes' | 'other';

export interface TopicReference {
  /** Catalog key, as in `Topics.<key>`. */
  readonly topic: string;
  readonly use: TopicUse;
  /** `file:line`, for messages. */
  readonly at: string;
}

export interface TopicScan {
  readonly references: readonly TopicReference[];
  /** Code the scan cannot attribute to a topic, which would make the catalog check blind. */
  readonly problems: readonly string[];
}

const CONTRACTS_MODULE = '@crossdock/contracts';
const MESSAGING_MODULE = '@crossdock/messaging';
const SUBSCRIBING_DECORATORS = new Set(['OnEvent', 'OnEventBatch']);
const PUBLISHING_METHODS = new Set(['publish', 'publishMany']);
/** A topic name spelled out (`crossdock.<domain>.<event>.v<major>`), bypassing the registry. */
const TOPIC_NAME = /^crossdock\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** Local names bound to a named import of `module`, e.g. `Topics` or its alias. */
function importedNames(source: ts.SourceFile, module: string, exported: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== module) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (exported.has((element.propertyName ?? element.name).text)) names.add(element.name.text);
      }
    }
  }
  return names;
}

/** The catalog key of `Topics.x` / `Topics['x']`; null when the node is no topic reference. */
function topicKeyOf(node: ts.Node, topics: ReadonlySet<string>): string | null {
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && topics.has(node.expression.text)) {
    return node.name.text;
  }
  if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && topics.has(node.expression.text)) {
    return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '';
  }
  return null;
}

/** Reads one TypeScript file (its text, no type information) for the topics it uses. */
export function scanTopicReferences(file: string, text: string): TopicScan {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const topics = importedNames(source, CONTRACTS_MODULE, new Set(['Topics']));
  const decorators = importedNames(source, MESSAGING_MODULE, SUBSCRIBING_DECORATORS);
  const references: TopicReference[] = [];
  const problems: string[] = [];
  const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const uses = new Map<ts.Node, TopicUse>();

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const callee = node.expression;
      if (ts.isDecorator(node.parent) && ts.isIdentifier(callee) && decorators.has(callee.text)) {
        if (first && topicKeyOf(first, topics) !== null) uses.set(first, 'subscribes');
        else problems.push(`${at(node)}: @${callee.text} without a Topics.<key> first argument: name the topic there, so its subscription can be checked`);
      } else if (ts.isPropertyAccessExpression(callee) && PUBLISHING_METHODS.has(callee.name.text) && first && topicKeyOf(first, topics) !== null) {
        uses.set(first, 'publishes');
      }
    }
    const key = topicKeyOf(node, topics);
    if (key === '') {
      problems.push(`${at(node)}: Topics[...] with a computed key: use Topics.<key>, so the topic can be checked`);
    } else if (key !== null) {
      references.push({ topic: key, use: uses.get(node) ?? 'other', at: at(node) });
    }
    if (ts.isStringLiteralLike(node) && TOPIC_NAME.test(node.text) && !ts.isImportDeclaration(node.parent)) {
      problems.push(`${at(node)}: spells the topic name '${node.text}': use Topics.<key> and topicName()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { references, problems };
}
