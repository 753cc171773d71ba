import { PROPERTIES, type Category, type PropertyInfo } from '../../properties/catalog';
import { UnknownPropertyError, UsageError } from '../domain/errors';

/**
 * Which catalog properties a run covers: `--property` is a glob on names where `*` matches any
 * run of characters (so `ledger-*` or `*-precision`), `--category` keeps one category. Both
 * together keep what matches both. A selection that keeps nothing is an input error, never an
 * empty run that would pass.
 */
export function selectProperties(
  selection: { propertyGlob?: string | undefined; category?: Category | undefined },
  catalog: readonly PropertyInfo[] = PROPERTIES,
): PropertyInfo[] {
  const { propertyGlob, category } = selection;
  let selected = [...catalog];
  if (propertyGlob !== undefined) {
    const pattern = globToRegExp(propertyGlob);
    selected = selected.filter((property) => pattern.test(property.name));
    if (selected.length === 0) throw new UnknownPropertyError(propertyGlob, catalog.map((property) => property.name));
  }
  if (category !== undefined) {
    const inCategory = selected.filter((property) => property.category === category);
    if (inCategory.length === 0) {
      const scope = propertyGlob === undefined ? 'no property' : `no property matching "${propertyGlob}"`;
      throw new UsageError(`${scope} is in category "${category}"; categories with properties: ${categoriesOf(catalog).join(', ')}`);
    }
    selected = inCategory;
  }
  return selected;
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

function categoriesOf(catalog: readonly PropertyInfo[]): string[] {
  return [...new Set(catalog.map((property) => property.category))];
}
