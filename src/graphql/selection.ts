import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields a selection set asks for, through fragment spreads and inline fragments. */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    return fragment ? fieldsOf(info, fragment.selectionSet) : [];
  });
}

/**
 * Whether the query asks, below the field being resolved and along `path` (field names), for any
 * of `names`: so a resolver reads what its children will need in the same statement. @skip and
 * @include are not looked at; a field they leave out only costs a column.
 */
export function selectsAnyOf(info: GraphQLResolveInfo, path: string[], names: string[]): boolean {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    sets = sets.flatMap((set) => fieldsOf(info, set).filter((field) => field.name.value === step && field.selectionSet).map((field) => field.selectionSet!));
  }
  return sets.some((set) => fieldsOf(info, set).some((field) => names.includes(field.name.value)));
}
