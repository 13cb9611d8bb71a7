/**
 * Expression-engine settings for behaviour the Entra docs leave open (entra-semantics.md §13).
 * Each option documents its default and why.
 */
export interface ExpressionOptions {
  /**
   * Whether function names must use the documented casing (`Switch`) or may use any casing (`switch`).
   * The docs call the syntax case-sensitive but print `switch(` in one caution box (§13 ?5).
   * @default 'insensitive'
   */
  functionNameCase: 'sensitive' | 'insensitive';
}

export const defaultExpressionOptions: ExpressionOptions = {
  functionNameCase: 'insensitive',
};
