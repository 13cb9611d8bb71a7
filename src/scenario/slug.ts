/**
 * Scenario slugs: the file name of each per-scenario report (`reports/scenarios/<slug>.json`).
 */

/** Lower-case ASCII letters, digits and single dashes; at most 80 characters; never empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'scenario';
}

/** Slugs for names in order; a slug already taken gets `-2`, `-3`, … (deterministic by order). */
export function uniqueSlugs(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}
