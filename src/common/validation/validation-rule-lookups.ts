import { getMetadataStorage, MetadataStorage } from 'class-validator';

type ValidationRule = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type RulesByProperty = ReturnType<MetadataStorage['groupByPropertyName']>;

const KEPT = Symbol.for('tracker.validationRuleLookupsKept');

/**
 * Keeps class-validator's answer to "which rules apply to this class" instead of working it out
 * on every validate(). class-validator scans every class that has rules (about 1,100 rules here),
 * for each argument of each request, to find the class's ancestors
 * (typestack/class-validator#2686): 2–3 % of the uncached dashboard's CPU and ~40 kB of garbage a
 * request (docs/benchmarks.md). A class's rules are registered when its module is loaded, before
 * any object of it can be validated; registering a rule later (a module loaded late, a schema)
 * empties what was kept, so no lookup can miss a rule. What is kept is frozen: class-validator
 * only reads it.
 *
 * Installed once per process on class-validator's one storage (the global pipe calls it).
 */
export function keepValidationRuleLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [KEPT]?: true };
  if (marked[KEPT]) return;
  marked[KEPT] = true;

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  // Per class (or schema name), per options: the rules; per kept list of rules: them by property.
  let rulesOf = new Map<unknown, Map<string, ValidationRule[]>>();
  let grouped = new WeakMap<ValidationRule[], RulesByProperty>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let byOptions = rulesOf.get(target);
    if (!byOptions) rulesOf.set(target, (byOptions = new Map<string, ValidationRule[]>()));
    // Group names are the application's own identifiers; NUL cannot occur in them.
    const options = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let rules = byOptions.get(options);
    if (!rules) byOptions.set(options, (rules = Object.freeze(lookUp(target, schema, always, strictGroups, groups)) as ValidationRule[]));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    if (!Object.isFrozen(rules)) return group(rules);
    let byProperty = grouped.get(rules);
    if (!byProperty) {
      byProperty = group(rules);
      for (const list of Object.values(byProperty)) Object.freeze(list);
      grouped.set(rules, Object.freeze(byProperty));
    }
    return byProperty;
  };
  storage.addValidationMetadata = (rule) => {
    register(rule);
    rulesOf = new Map();
    grouped = new WeakMap();
  };
}
