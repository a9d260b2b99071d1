import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The node-postgres pool behind TypeORM, for COPY streams and explicit transactions. */
export const PG_POOL = Symbol('PG_POOL');

export const pgPoolProvider: Provider = {
  provide: PG_POOL,
  inject: [getDataSourceToken()],
  useFactory: (ds: DataSource): Pool => (ds.driver as unknown as { master: Pool }).master,
};
