// Reading allowedTopologies: every matchLabelExpressions entry with its key and values.
import type { Node, Scalar } from 'yaml';
import { asScalar, getNode, seqItems, stringValue } from '../../yaml/ast.js';
import type { RuleContext } from '../rule.js';

export interface TopologyExpression {
  keyNode: Scalar | undefined;
  key: string | undefined;
  values: string[];
}

export interface TopologyTerm {
  node: Node;
  expressions: TopologyExpression[];
}

export function allowedTopologyTerms(context: RuleContext): TopologyTerm[] {
  const { doc } = context;
  return seqItems(getNode(context.object.node, ['allowedTopologies'], doc), doc).map((term) => ({
    node: term,
    expressions: seqItems(getNode(term, ['matchLabelExpressions'], doc), doc).map((expression) => {
      const keyNode = asScalar(getNode(expression, ['key'], doc), doc);
      return {
        keyNode,
        key: stringValue(keyNode, doc),
        values: seqItems(getNode(expression, ['values'], doc), doc)
          .map((v) => stringValue(v, doc))
          .filter((v): v is string => v !== undefined),
      };
    }),
  }));
}

/** How many distinct topology segments the terms allow (each term allows the product of its value counts). */
export function segmentCount(terms: readonly TopologyTerm[]): number {
  return terms.reduce((sum, term) => sum + term.expressions.reduce((product, e) => product * Math.max(e.values.length, 1), 1), 0);
}
