/**
 * Attribute targeting: whether the attributes given to `identify` (or to an invitation) satisfy a
 * survey's `targeting.attributes` rules. Zod-free and tiny, because the widget's loader ships it: the
 * widget and the Worker apply the same rule.
 *
 * Every rule must hold. Values compare as text for eq/neq/in (so `"5"` equals `5`: attributes from a
 * CSV are text) and as numbers for gt/lt. A missing attribute fails every rule, neq included: a rule
 * is about what is known of the respondent.
 */
export type AttributeValue = string | number | boolean;
export type AttributeRule =
  | { key: string; op: 'eq' | 'neq'; value: AttributeValue }
  | { key: string; op: 'in'; value: AttributeValue[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export function attributesMatch(rules: readonly AttributeRule[] | undefined, attrs: unknown): boolean {
  return (
    !rules ||
    rules.every((r) => {
      const v = (attrs as Record<string, unknown> | undefined)?.[r.key];
      const s = `${v}`;
      return (
        v != null &&
        (r.op === 'in'
          ? r.value.some((x) => s === `${x}`)
          : r.op === 'gt'
            ? +s > r.value
            : r.op === 'lt'
              ? +s < r.value
              : (s === `${r.value}`) === (r.op === 'eq'))
      );
    })
  );
}
