/** A name (schema, table, column) as SQL writes it: in double quotes, any double quote in it doubled. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A table's path (`table` or `schema.table`, as TypeORM's metadata gives it) as SQL names it. */
export const quotedTablePath = (path: string): string => path.split('.').map(quoteIdentifier).join('.');
