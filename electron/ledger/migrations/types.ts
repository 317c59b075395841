export interface Migration {
  /** Ordered, never reused. */
  id: number;
  name: string;
  /** The SQLite form. */
  sql: string;
  /** The PostgreSQL form: the same tables, columns and guarantees. */
  postgres?: string;
}
