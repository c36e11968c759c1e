// The long-running roles of `lexbot start` and how a --roles value is parsed.
export const ROLES = ['gateway', 'actors', 'projector', 'dispatcher'] as const;
export type Role = (typeof ROLES)[number];

export class StartError extends Error {
  override name = 'StartError';
}

export const parseRoles = (text: string): Role[] => {
  const names = [...new Set(text.split(',').map((name) => name.trim()).filter((name) => name.length > 0))];
  if (names.length === 0) throw new StartError(`--roles needs at least one of ${ROLES.join(', ')}`);
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new StartError(`unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (roles: ${ROLES.join(', ')})`);
  return names as Role[];
};
