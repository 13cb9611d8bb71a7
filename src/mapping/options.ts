/**
 * Mapping settings for behaviour the Entra docs leave open (entra-semantics.md §4, §12 #10,
 * §13 ?30). docs/mapping.md explains each default.
 */
export interface MappingOptions {
  /**
   * Which element of a multi-valued attribute built from filtered paths (`emails[type eq "work"].value`)
   * a create marks `primary: true`: the `type eq "work"` element (every create body and response in
   * the SCIM doc marks its work email or address primary), the first element, or none.
   * @default 'work'
   */
  primaryValue: 'work' | 'first' | 'none';
  /**
   * A target attribute the SCIM schema does not know (an app's own attribute, a custom extension):
   * `allow` accepts it as a single-valued, case-insensitive string (the portal's "Edit attribute
   * list" lets admins add any name); `reject` reports `MAPPING_UNKNOWN_ATTRIBUTE`.
   * @default 'allow'
   */
  unknownTargetAttributes: 'allow' | 'reject';
  /**
   * The default value of a `None` mapping: `create` applies it on create only, like every default
   * (customize-application-attributes: "only when the object is created"); `whenTargetEmpty` also
   * writes it on update when the target has no value (the mapping-type list's wording; §12 #10).
   * @default 'create'
   */
  noneMappingDefault: 'create' | 'whenTargetEmpty';
}

export const defaultMappingOptions: MappingOptions = {
  primaryValue: 'work',
  unknownTargetAttributes: 'allow',
  noneMappingDefault: 'create',
};
