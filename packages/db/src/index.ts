export * from './database.ts';
export * from './errors.ts';
export * from './migrator.ts';
export { sql, type Kysely, type Selectable, type Insertable, type Updateable, type Generated, type ColumnType } from 'kysely';
export * from './paging.ts';
export * from './read-replica.ts';
