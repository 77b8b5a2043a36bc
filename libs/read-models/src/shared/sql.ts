import type { EntityManager } from 'typeorm';

/** A DataSource or an EntityManager (inside a transaction): anything that runs SQL. */
export type Queryable = Pick<EntityManager, 'query'>;

/** WHERE conditions with numbered parameters, added only for the filters that are set. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  when<T>(value: T | undefined | null, condition: (placeholder: string) => string): this {
    if (value !== undefined && value !== null) this.where(condition(this.param(value)));
    return this;
  }

  get sql(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

export async function countOf(db: Queryable, sql: string, params: readonly unknown[]): Promise<number> {
  const rows: { total: string | number }[] = await db.query(`SELECT count(*) AS total FROM (${sql}) counted`, [...params]);
  return Number(rows[0].total);
}
