export interface Migration {
  /** Ordered, never reused. */
  id: number;
  name: string;
  sql: string;
}
